#include "protocol/compression.h"
#include "protocol/framereader.h"
#include "protocol/message.h"
#include "pythonframes.h"

#include <QRegularExpression>
#include <QTest>

using namespace Pyro;

class tst_MessageWriter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pythonFrames_data();
    void pythonFrames();
    void parsesPythonFrames_data();
    void parsesPythonFrames();
    void checksum_data();
    void checksum();
    void hmacDigest_data();
    void hmacDigest();
    void compressionRule_data();
    void compressionRule();
    void invalidMessages_data();
    void invalidMessages();
    void writeIsAssertFree();
    void givenHmacAnnotationIsReplaced();
    void compressedInputFlagIsIgnored();

private:
    QList<Test::PythonFrame> m_frames;
};

void tst_MessageWriter::initTestCase()
{
    QString failure;
    QVERIFY2(Test::loadPythonFrames(m_frames, failure), qPrintable(failure));
}

void tst_MessageWriter::pythonFrames_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < m_frames.size(); ++i)
        QTest::newRow(m_frames[i].name.constData()) << i;
}

// Our bytes equal Message.to_bytes() of real Pyro4, compression and HMAC included.
void tst_MessageWriter::pythonFrames()
{
    QFETCH(int, index);
    const Test::PythonFrame &f = m_frames[index];
    const Result<QByteArray> written = MessageWriter::tryWrite(f.message, f.hmacKey, f.compress);
    QVERIFY2(written.ok(), qPrintable(written.error().toString()));
    if (written.value() != f.frame) {
        qsizetype i = 0;
        while (i < qMin(written.value().size(), f.frame.size()) && written.value()[i] == f.frame[i])
            ++i;
        QFAIL(qPrintable(QStringLiteral("first difference at byte %1 (ours %2 bytes, Python %3 bytes)")
                             .arg(i).arg(written.value().size()).arg(f.frame.size())));
    }
    QCOMPARE(MessageWriter::write(f.message, f.hmacKey, f.compress), f.frame);
}

void tst_MessageWriter::parsesPythonFrames_data()
{
    pythonFrames_data();
}

// And the reader gets the original message back from Python's bytes.
void tst_MessageWriter::parsesPythonFrames()
{
    QFETCH(int, index);
    const Test::PythonFrame &f = m_frames[index];
    const Result<Message> parsed = FrameReader::parse(f.frame, f.hmacKey);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString() + QLatin1Char(' ') + parsed.error().detail()));
    const Message &m = parsed.value();
    QCOMPARE(m.type, f.message.type);
    QCOMPARE(m.flags.toInt(), f.message.flags.toInt());
    QCOMPARE(m.seq, f.message.seq);
    QCOMPARE(m.serializerId, f.message.serializerId);
    QCOMPARE(m.annotations, f.message.annotations);
    QCOMPARE(m.data, f.message.data);
}

void tst_MessageWriter::checksum_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("flags");
    QTest::addColumn<int>("seq");
    QTest::addColumn<quint32>("dataSize");
    QTest::addColumn<int>("annotationsSize");
    QTest::addColumn<int>("serializerId");
    QTest::addColumn<int>("expected");
    // doc 1.2 and 1.10
    QTest::newRow("doc_connect_0x356c") << 1 << 0x10 << 0 << quint32(65) << 0 << 1 << 0x356C;
    QTest::newRow("doc_result_wraps_0x46d9") << 5 << 0x21 << 65535 << quint32(70000) << 42 << 1 << 0x46D9;
    QTest::newRow("doc_invoke_add_0x3552") << 4 << 0 << 1 << quint32(51) << 0 << 1 << 0x3552;
    QTest::newRow("doc_result_add_0x3551") << 5 << 0 << 1 << quint32(27) << 22 << 1 << 0x3551;
    QTest::newRow("max_fields") << 0xFFFF << 0xFFFF << 0xFFFF << quint32(0x7FFFFFFF) << 0xFFFF << 0xFFFF
                                << int((0xFFFFu * 5 + 48 + 0x7FFFFFFFu + 0x34E9u) & 0xFFFF);
}

void tst_MessageWriter::checksum()
{
    QFETCH(int, type);
    QFETCH(int, flags);
    QFETCH(int, seq);
    QFETCH(quint32, dataSize);
    QFETCH(int, annotationsSize);
    QFETCH(int, serializerId);
    QFETCH(int, expected);
    QCOMPARE(int(MessageWriter::checksum(quint16(type), quint16(ProtocolVersion::Pyro4), dataSize, quint16(annotationsSize),
                                         quint16(serializerId), quint16(flags), quint16(seq))),
             expected);
}

void tst_MessageWriter::hmacDigest_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("annotations"); // "KEY=hexvalue;..."
    QTest::addColumn<QByteArray>("expectedHex");
    QByteArray corr;
    for (int i = 0; i < 16; ++i)
        corr += char(i);
    QTest::newRow("doc_example") << QByteArray("secret")
                                 << QByteArray("# serpent utf-8 python3.2\n('tester','add',(1,2),{})")
                                 << QByteArray("CORR=" + corr.toHex() + ";XUSR=75")
                                 << QByteArray("00f2de8a0ea76c093a869dca86b300e647ac8734");
    // The same, with an HMAC annotation present: it must not be part of the digest.
    QTest::newRow("doc_example_hmac_excluded") << QByteArray("secret")
                                               << QByteArray("# serpent utf-8 python3.2\n('tester','add',(1,2),{})")
                                               << QByteArray("XUSR=75;HMAC=ffff;CORR=" + corr.toHex())
                                               << QByteArray("00f2de8a0ea76c093a869dca86b300e647ac8734");
    // RFC 2202 test case 1: no annotations is plain HMAC-SHA1.
    QTest::newRow("rfc2202_case1") << QByteArray(20, '\x0b') << QByteArray("Hi There") << QByteArray()
                                   << QByteArray("b617318655057264e28bc0b6fb378c8ef146be00");
}

void tst_MessageWriter::hmacDigest()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, annotations);
    QFETCH(QByteArray, expectedHex);
    QMap<QByteArray, QByteArray> ann;
    for (const QByteArray &kv : annotations.split(';')) {
        if (!kv.isEmpty())
            ann.insert(kv.left(4), QByteArray::fromHex(kv.mid(5)));
    }
    QCOMPARE(MessageWriter::hmac(key, payload, ann).toHex(), expectedHex);
}

void tst_MessageWriter::compressionRule_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("compress");
    QTest::addColumn<bool>("expectCompressed");
    QByteArray noise;
    quint32 x = 12345;
    for (int i = 0; i < 1000; ++i) {
        x = x * 1103515245u + 12345u;
        noise += char(x >> 24);
    }
    QTest::newRow("199_bytes_stay_plain") << QByteArray(199, 'a') << true << false;
    QTest::newRow("200_bytes_compress") << QByteArray(200, 'a') << true << true;
    QTest::newRow("200_bytes_setting_off") << QByteArray(200, 'a') << false << false;
    QTest::newRow("incompressible_stays_plain") << noise << true << false;
    QTest::newRow("1_mib_compresses") << QByteArray(1 << 20, 'z') << true << true;
    QTest::newRow("empty") << QByteArray() << true << false;
}

void tst_MessageWriter::compressionRule()
{
    QFETCH(QByteArray, payload);
    QFETCH(bool, compress);
    QFETCH(bool, expectCompressed);
    Message m;
    m.type = MessageType::Result;
    m.data = payload;
    const QByteArray frame = MessageWriter::write(m, QByteArray(), compress);
    QVERIFY(!frame.isEmpty());
    const bool flagged = (uchar(frame[9]) & 0x02) != 0;
    QCOMPARE(flagged, expectCompressed);
    const QByteArray onWire = frame.mid(MessageHeaderSize);
    if (expectCompressed) {
        QVERIFY(onWire.startsWith("\x78\x9c")); // RFC 1950, default level
        QVERIFY(onWire.size() < payload.size());
        const Result<QByteArray> plain = Compression::decompress(onWire, payload.size());
        QVERIFY(plain.ok());
        QCOMPARE(plain.value(), payload);
    } else {
        QCOMPARE(onWire, payload);
    }
    const Result<Message> back = FrameReader::parse(frame);
    QVERIFY(back.ok());
    QCOMPARE(back.value().data, payload);
    QVERIFY(!back.value().hasFlag(MessageFlag::Compressed));
}

void tst_MessageWriter::invalidMessages_data()
{
    QTest::addColumn<QByteArray>("annotationKey");
    QTest::addColumn<int>("valueSize");
    QTest::addColumn<QByteArray>("hmacKey");
    QTest::addColumn<int>("payloadSize");
    QTest::addColumn<qint64>("maxMessageSize");
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("message");
    const QString badKey = QStringLiteral("annotation key must be of length 4");
    QTest::newRow("key_3_bytes") << QByteArray("ABC") << 1 << QByteArray() << 10 << qint64(0) << Error::Code::ProtocolError << badKey;
    QTest::newRow("key_5_bytes") << QByteArray("CORRX") << 1 << QByteArray() << 10 << qint64(0) << Error::Code::ProtocolError << badKey;
    QTest::newRow("key_empty") << QByteArray() << 1 << QByteArray() << 10 << qint64(0) << Error::Code::ProtocolError << badKey;
    QTest::newRow("key_not_ascii") << QByteArray("\xc3\xa4XY") << 1 << QByteArray() << 10 << qint64(0) << Error::Code::ProtocolError << badKey;
    QTest::newRow("value_65536") << QByteArray("XBIG") << 65536 << QByteArray() << 10 << qint64(0) << Error::Code::ProtocolError
                                 << QStringLiteral("annotation value too long");
    QTest::newRow("value_65535_block_over") << QByteArray("XBIG") << 65535 << QByteArray() << 10 << qint64(0)
                                            << Error::Code::ProtocolError << QStringLiteral("annotations too large");
    QTest::newRow("block_over_only_with_hmac") << QByteArray("XBIG") << 65504 << QByteArray("k") << 10 << qint64(0)
                                               << Error::Code::ProtocolError << QStringLiteral("annotations too large");
    QTest::newRow("over_max_message_size") << QByteArray("CORR") << 16 << QByteArray() << 979 << qint64(1000)
                                           << Error::Code::MessageTooLarge
                                           << QStringLiteral("max message size exceeded (1001 where max=1000)");
}

void tst_MessageWriter::invalidMessages()
{
    QFETCH(QByteArray, annotationKey);
    QFETCH(int, valueSize);
    QFETCH(QByteArray, hmacKey);
    QFETCH(int, payloadSize);
    QFETCH(qint64, maxMessageSize);
    QFETCH(Error::Code, code);
    QFETCH(QString, message);
    Message m;
    m.annotations.insert(annotationKey, QByteArray(valueSize, 'v'));
    m.data = QByteArray(payloadSize, 'p');
    const Result<QByteArray> r = MessageWriter::tryWrite(m, hmacKey, false, maxMessageSize);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code(), code);
    QCOMPARE(r.error().message(), message);
}

void tst_MessageWriter::writeIsAssertFree()
{
    Message m;
    m.annotations.insert("TOOLONG", "x");
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot frame message")));
    QVERIFY(MessageWriter::write(m).isEmpty());
    // The limits themselves are fine: a 65529-byte value fills the u16 block exactly.
    m.annotations.clear();
    m.annotations.insert("XMAX", QByteArray(65529, 'm'));
    const QByteArray frame = MessageWriter::write(m);
    QCOMPARE(frame.size(), MessageHeaderSize + 65535);
    QVERIFY(FrameReader::parse(frame).ok());
}

void tst_MessageWriter::givenHmacAnnotationIsReplaced()
{
    Message m;
    m.data = "payload";
    m.annotations.insert("CORR", QByteArray(16, 'c'));
    const QByteArray expected = MessageWriter::write(m, "secret");
    m.annotations.insert("HMAC", "forged");
    QCOMPARE(MessageWriter::write(m, "secret"), expected);
    // Without a key it is written as given, last-in-order like any annotation: the
    // hostile-frame case a reader without a key must refuse.
    const QByteArray unkeyed = MessageWriter::write(m);
    QVERIFY(unkeyed.contains("HMAC\x00\x06" "forged"));
}

void tst_MessageWriter::compressedInputFlagIsIgnored()
{
    Message m;
    m.flags = MessageFlag::Compressed | MessageFlag::Exception;
    m.data = "short";
    const QByteArray frame = MessageWriter::write(m, QByteArray(), true);
    QCOMPARE(int(uchar(frame[9])), 0x01);
    QCOMPARE(frame.mid(MessageHeaderSize), QByteArray("short"));
}

QTEST_GUILESS_MAIN(tst_MessageWriter)
#include "tst_messagewriter.moc"
