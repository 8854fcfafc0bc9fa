#!/usr/bin/python3
"""Python Pyro4 4.82 or Pyro5 5.16 on both sides of bench/daemon/run.sh: the same object and
client loops as bench_daemon_server.cpp and bench_daemon.cpp, so the rates can be put side by side.

    bench_python.py [--pyro 4|5] server
        Serves object 'bench' on 127.0.0.1 (port 0) and prints "READY <uri>".
    bench_python.py [--pyro 4|5] client URI MODE COUNT [CONNECTIONS] [BATCH]
        MODE: sync (ping()), echo (echo(1)), oneway (fire(1), then wait_fired), batch (echo(1) in
        batches of BATCH), stream (numbers(COUNT) items). Prints the same RESULT line as
        bench_daemon: "RESULT mode=M ops=N conns=C seconds=S per_s=R cpu_s=U".

--pyro 4 (the default) is Pyro4 4.82 as Debian's /usr/bin/python3 has it installed; --pyro 5 is
the vendored Pyro5 5.16, with PYTHONPATH pointing at it (run.sh sets it for PROTOCOL=5).
"""
import resource
import sys
import threading
import time

args = sys.argv[1:]
PYRO5 = False
if len(args) >= 2 and args[0] == "--pyro":
    if args[1] not in ("4", "5"):
        sys.exit("bench_python.py: --pyro takes 4 or 5")
    PYRO5 = args[1] == "5"
    args = args[2:]

if PYRO5:
    import Pyro5.api as pyro
    pyro.config.SERIALIZER = "serpent"
    make_batch = pyro.BatchProxy
else:
    import Pyro4 as pyro
    pyro.config.SERIALIZERS_ACCEPTED = {"serpent"}
    make_batch = pyro.batch
pyro.config.THREADPOOL_SIZE = 64


@pyro.expose
@pyro.behavior(instance_mode="single")
class Bench(object):
    def __init__(self):
        self._fired = 0
        self._cond = threading.Condition()

    def ping(self):
        return None

    def echo(self, x):
        return x

    @pyro.oneway
    def fire(self, x):
        with self._cond:
            self._fired += 1
            self._cond.notify_all()

    def fired_count(self):
        with self._cond:
            return self._fired

    def wait_fired(self, n, timeout):
        """Blocks until fire() has run n times in total (or timeout seconds): the oneway
        benchmark's end mark, so that it counts executed calls, not just sent ones."""
        with self._cond:
            self._cond.wait_for(lambda: self._fired >= n, timeout)
            return self._fired

    def numbers(self, n):
        return (i for i in range(n))


def cpu():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def work(proxy, mode, n, batch_size, fired_target):
    if PYRO5:
        proxy._pyroClaimOwnership()  # a Pyro5 proxy belongs to one thread
    if mode == "sync":
        for _ in range(n):
            proxy.ping()
    elif mode == "echo":
        for _ in range(n):
            proxy.echo(1)
    elif mode == "oneway":
        for _ in range(n):
            proxy.fire(1)
        done = proxy.wait_fired(fired_target, 60)
        if done < fired_target:
            raise RuntimeError("oneway: only %d of %d calls ran" % (done, fired_target))
    elif mode == "batch":
        left = n
        while left > 0:
            k = min(batch_size, left)
            batch = make_batch(proxy)
            for _ in range(k):
                batch.echo(1)
            for _ in batch():
                pass
            left -= k
    elif mode == "stream":
        for _ in proxy.numbers(n):
            pass
    else:
        raise ValueError("unknown mode " + mode)


def client(uri, mode, count, connections, batch_size):
    proxies = [pyro.Proxy(uri) for _ in range(connections)]
    for p in proxies:
        p._pyroBind()
    fired_target = proxies[0].fired_count() + count if mode == "oneway" else 0
    shares = [count // connections + (1 if i < count % connections else 0) for i in range(connections)]
    c0, t0 = cpu(), time.perf_counter()
    if connections == 1:
        work(proxies[0], mode, count, batch_size, fired_target)
    else:
        threads = [threading.Thread(target=work, args=(p, mode, n, batch_size, fired_target))
                   for p, n in zip(proxies, shares)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    seconds, cpu_s = time.perf_counter() - t0, cpu() - c0
    print("RESULT mode=%s ops=%d conns=%d seconds=%.6f per_s=%.1f cpu_s=%.4f"
          % (mode, count, connections, seconds, count / seconds, cpu_s), flush=True)


def main():
    if len(args) >= 1 and args[0] == "server":
        daemon = pyro.Daemon(host="127.0.0.1", port=0)
        uri = daemon.register(Bench(), "bench")
        print("READY %s" % uri, flush=True)
        daemon.requestLoop()
        return 0
    if len(args) >= 4 and args[0] == "client":
        connections = int(args[4]) if len(args) > 4 else 1
        batch_size = int(args[5]) if len(args) > 5 else 1000
        client(args[1], args[2], int(args[3]), connections, batch_size)
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
