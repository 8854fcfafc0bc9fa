// Future (Pyro4.futures.Future for local callables) and the PendingOperation base it shares
// with PendingCall.
#include "client/future.h"
#include "client/pendingcall.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QThreadPool>

using namespace Pyro;

class tst_Future : public QObject
{
    Q_OBJECT

private slots:
    void result_data();
    void result();
    void errors_data();
    void errors();
    void thenAfterFinished();
    void futureView();
    void delayAndCancelBeforeStart();
    void cancelWhileRunningDiscardsTheOutcome();
    void notStartedUntilStart();
    void eventLoopModeRunsInThisThread();
    void sameApiAsPendingCall();
    void thenChainPassesValues();
    void iferrorGetsAnyStepsError();
    void lateThenContinuesTheChain();
    void blockingValue();
    void waitTimesOut();
};

void tst_Future::result_data()
{
    QTest::addColumn<Future::Mode>("mode");
    QTest::newRow("thread pool") << Future::Mode::ThreadPool;
    QTest::newRow("event loop") << Future::Mode::EventLoop;
}

void tst_Future::result()
{
    QFETCH(Future::Mode, mode);
    Value thenValue;
    int thens = 0;
    int iferrors = 0;
    Future *f = Future::run([] { return Value(Value::list({ 1, QStringLiteral("two") })); }, nullptr, mode);
    f->setAutoDelete(false);
    f->then([&](const Value &v) { thenValue = v; ++thens; })->iferror([&](const Error &) { ++iferrors; });
    QSignalSpy finished(f, &PendingOperation::finished);
    QSignalSpy errors(f, &PendingOperation::errorOccurred);
    QVERIFY(finished.isValid());
    QVERIFY(!f->ready()); // never finishes inside run()
    QTRY_COMPARE(finished.count(), 1);
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(errors.count(), 0);
    QVERIFY(f->ready());
    QCOMPARE(f->value(), Value::list({ 1, QStringLiteral("two") }));
    QCOMPARE(thenValue, f->value());
    QCOMPARE(thens, 1);
    QCOMPARE(iferrors, 0);
    delete f;
}

void tst_Future::errors_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("Result error") << 0 << Error::Code::NamingError << QStringLiteral("no such name");
    QTest::newRow("PyroException thrown") << 1 << Error::Code::Timeout << QStringLiteral("slow");
    QTest::newRow("std::exception thrown") << 2 << Error::Code::UsageError << QStringLiteral("boom");
}

void tst_Future::errors()
{
    QFETCH(int, kind);
    QFETCH(Error::Code, code);
    QFETCH(QString, messagePart);
    Future *f = Future::run([kind]() -> Result<Value> {
        if (kind == 0)
            return Error(Error::Code::NamingError, QStringLiteral("no such name"));
        if (kind == 1)
            throw PyroException(Error(Error::Code::Timeout, QStringLiteral("too slow")));
        throw std::runtime_error("boom");
    });
    f->setAutoDelete(false);
    Error seen;
    bool thenRan = false;
    f->iferror([&](const Error &e) { seen = e; })->then([&](const Value &) { thenRan = true; });
    QSignalSpy errors(f, &PendingOperation::errorOccurred);
    QVERIFY(f->wait(30));
    QCOMPARE(errors.count(), 1);
    QCOMPARE(f->error().code(), code);
    QVERIFY2(f->error().message().contains(messagePart), qPrintable(f->error().message()));
    QCOMPARE(seen.code(), code);
    QVERIFY(!thenRan);
    QVERIFY(f->value().isNone());
    delete f;
}

void tst_Future::thenAfterFinished()
{
    Future *f = Future::run([] { return Value(5); });
    f->setAutoDelete(false);
    QVERIFY(f->waitForFinished(30000));
    int got = 0;
    f->then([&](const Value &v) { got = int(v.toInt64()); });
    QCOMPARE(got, 0); // from the event loop, not inside then()
    QTRY_COMPARE(got, 5);
    delete f;
}

void tst_Future::futureView()
{
    Future *f = Future::run([] { return Value(QStringLiteral("x")); });
    QPointer<Future> guard(f);
    QFuture<Value> qf = f->future();
    QTRY_VERIFY(qf.isFinished());
    QCOMPARE(qf.result(), Value(QStringLiteral("x")));
    // auto-deleted after finished; the QFuture stays valid
    QTRY_VERIFY(guard.isNull());
    QCOMPARE(qf.result(), Value(QStringLiteral("x")));
}

void tst_Future::delayAndCancelBeforeStart()
{
    bool ran = false;
    auto *f = new Future([&ran]() -> Result<Value> { ran = true; return Value(1); });
    f->setAutoDelete(false);
    f->setMode(Future::Mode::EventLoop);
    QVERIFY(f->delay(3600)); // an hour: it must not run before cancel()
    QVERIFY(f->start());
    QVERIFY(!f->start());
    QCoreApplication::processEvents();
    QVERIFY(!f->isRunning());
    QVERIFY(f->tryCancel());
    QVERIFY(f->isFinished());
    QCOMPARE(f->error().code(), Error::Code::Cancelled);
    QVERIFY(!f->tryCancel());
    QCoreApplication::processEvents();
    QVERIFY(!ran);
    QVERIFY(!f->delay(1));
    delete f;
}

void tst_Future::cancelWhileRunningDiscardsTheOutcome()
{
    QSemaphore started;
    QSemaphore release;
    QThreadPool pool;
    auto *f = new Future([&]() -> Result<Value> {
        started.release();
        release.acquire();
        return Value(1);
    });
    f->setAutoDelete(false);
    f->setThreadPool(&pool);
    QVERIFY(f->start());
    QTRY_VERIFY(f->isRunning());
    QVERIFY(started.tryAcquire(1, 30000));
    QSignalSpy finished(f, &PendingOperation::finished);
    QVERIFY(!f->tryCancel()); // too late to stop it, but it finishes cancelled at once
    QCOMPARE(finished.count(), 1);
    QCOMPARE(f->error().code(), Error::Code::Cancelled);
    release.release();
    pool.waitForDone();
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 1);
    QVERIFY(f->value().isNone());
    delete f;
}

void tst_Future::notStartedUntilStart()
{
    bool ran = false;
    auto *f = new Future([&ran]() -> Result<Value> { ran = true; return Value(); });
    f->setMode(Future::Mode::EventLoop);
    f->setAutoDelete(false);
    QCoreApplication::processEvents();
    QVERIFY(!ran);
    QVERIFY(!f->isStarted());
    QVERIFY(f->start());
    QVERIFY(f->wait());
    QVERIFY(ran);
    delete f;
}

void tst_Future::eventLoopModeRunsInThisThread()
{
    QThread *runIn = nullptr;
    Future *f = Future::run(
            [&runIn]() -> Result<Value> {
                runIn = QThread::currentThread();
                return Value();
            },
            nullptr, Future::Mode::EventLoop);
    f->setAutoDelete(false);
    QVERIFY(f->wait());
    QCOMPARE(runIn, QThread::currentThread());
    f->setMode(Future::Mode::ThreadPool);
    delete f;

    f = Future::run([&runIn]() -> Result<Value> {
        runIn = QThread::currentThread();
        return Value();
    });
    f->setAutoDelete(false);
    QVERIFY(f->wait());
    QVERIFY(runIn != QThread::currentThread());
    delete f;
}

void tst_Future::sameApiAsPendingCall()
{
    // Code written against PendingOperation takes local and remote operations alike.
    QList<PendingOperation *> ops;
    for (int i = 0; i < 5; ++i)
        ops.append(Future::run([i] { return Value(i * i); }));
    QList<Value> results(5);
    int done = 0;
    for (int i = 0; i < ops.size(); ++i)
        ops[i]->then([&, i](const Value &v) { results[i] = v; ++done; });
    QTRY_COMPARE(done, 5);
    QCOMPARE(results, QList<Value>({ 0, 1, 4, 9, 16 }));
    static_assert(std::is_base_of_v<PendingOperation, PendingCall>);
}

void tst_Future::thenChainPassesValues()
{
    // Pyro4 FutureResult.then: each step gets the previous value, its return is the next.
    QList<Value> seen;
    Future *f = Future::run([] { return Value(21); });
    f->setAutoDelete(false);
    QFuture<Value> qf = f->future();
    f->then([&](const Value &v) { seen.append(v); return Value(v.toInt64() * 2); })
            ->then([&](const Value &v) { seen.append(v); }) // returns nothing: the value passes on
            ->then([&](const Value &v) -> Result<Value> { seen.append(v); return Value::tuple({ v, QStringLiteral("done") }); });
    QVERIFY(f->waitForFinished(30000));
    QCOMPARE(seen, (QList<Value> { 21, 42, 42 }));
    QCOMPARE(f->value(), Value::tuple({ 42, QStringLiteral("done") }));
    QVERIFY(!f->hasError());
    QCOMPARE(qf.result(), Value::tuple({ 42, QStringLiteral("done") })); // QFuture interop: the chained value
    delete f;
}

void tst_Future::iferrorGetsAnyStepsError()
{
    // A step's error ends the chain and fails the operation; iferror gets it.
    int later = 0;
    Error seen;
    Future *f = Future::run([] { return Value(1); });
    f->setAutoDelete(false);
    QSignalSpy errors(f, &PendingOperation::errorOccurred);
    QFuture<Value> qf = f->future();
    f->then([](const Value &v) -> Result<Value> { return Error(Error::Code::UsageError, QStringLiteral("step failed on %1").arg(v.repr())); })
            ->then([&](const Value &) { ++later; })
            ->iferror([&](const Error &e) { seen = e; });
    QVERIFY(f->waitForFinished(30000));
    QCOMPARE(later, 0);
    QCOMPARE(seen.message(), QStringLiteral("step failed on 1"));
    QCOMPARE(f->error().message(), QStringLiteral("step failed on 1"));
    QCOMPARE(errors.count(), 1);
    QVERIFY_THROWS_EXCEPTION(PyroException, qf.result());

    // a step that throws, and the operation's own error
    Future *g = Future::run([] { return Value(1); });
    g->setAutoDelete(false);
    Error thrown;
    g->then([](const Value &) -> Value { throw PyroException(Error(Error::Code::RemoteException, QStringLiteral("thrown"))); })
            ->iferror([&](const Error &e) { thrown = e; });
    QVERIFY(g->waitForFinished(30000));
    QCOMPARE(thrown.message(), QStringLiteral("thrown"));
    Future *h = Future::run([]() -> Result<Value> { return Error(Error::Code::RemoteException, QStringLiteral("own")); });
    h->setAutoDelete(false);
    Error own;
    int steps = 0;
    h->then([&](const Value &) { ++steps; })->iferror([&](const Error &e) { own = e; });
    QVERIFY(h->waitForFinished(30000));
    QCOMPARE(own.message(), QStringLiteral("own"));
    QCOMPARE(steps, 0);
    delete f;
    delete g;
    delete h;
}

void tst_Future::lateThenContinuesTheChain()
{
    Future *f = Future::run([] { return Value(5); });
    f->setAutoDelete(false);
    QVERIFY(f->waitForFinished(30000));
    Value got;
    f->then([](const Value &v) { return Value(v.toInt64() + 1); })->then([&](const Value &v) { got = v; });
    QCOMPARE(got, Value()); // from the event loop, never inside then()
    QTRY_COMPARE(got, Value(6));
    QCOMPARE(f->value(), Value(6));
    Error late;
    f->then([](const Value &) -> Result<Value> { return Error(Error::Code::UsageError, QStringLiteral("late")); })
            ->iferror([&](const Error &e) { late = e; });
    QTRY_COMPARE(late.message(), QStringLiteral("late"));
    QVERIFY(f->hasError());
    delete f;
}

void tst_Future::blockingValue()
{
    Future *f = Future::run([] { return Value(QStringLiteral("v")); });
    f->setAutoDelete(false);
    f->then([](const Value &v) { return Value(v.toStr() + QStringLiteral("!")); });
    QCOMPARE(f->blockingValue(), Value(QStringLiteral("v!")));
    Future *g = Future::run([]() -> Result<Value> { return Error(Error::Code::RemoteException, QStringLiteral("raised")); });
    g->setAutoDelete(false);
    bool raised = false;
    try {
        g->blockingValue();
    } catch (const PyroException &e) {
        raised = e.error().message() == QLatin1String("raised");
    }
    QVERIFY(raised);
    delete f;
    delete g;
}

void tst_Future::waitTimesOut()
{
    // Pyro4 FutureResult.wait(timeout) returns False when the value is not there in time.
    QSemaphore release;
    Future *f = Future::run([&release] {
        release.acquire();
        return Value(1);
    });
    f->setAutoDelete(false);
    QVERIFY(!f->wait(0.05));
    QVERIFY(!f->ready());
    bool timedOut = false;
    try {
        f->blockingValue(10);
    } catch (const PyroException &e) {
        timedOut = e.error().code() == Error::Code::Timeout;
    }
    QVERIFY(timedOut);
    release.release();
    QVERIFY(f->wait());
    QCOMPARE(f->value(), Value(1));
    delete f;
}

QTEST_GUILESS_MAIN(tst_Future)
#include "tst_future.moc"
