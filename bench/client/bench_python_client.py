#!/usr/bin/python3
"""The Python Pyro4 client loop that `pyroctl bench` is compared with.

    bench_python_client.py URI MODE CALLS CONNECTIONS [SERIALIZER]

MODE is sync, oneway, batch or stream, with the same meaning as pyroctl bench: CALLS calls of
echo(1) (stream: CALLS items of numbers()) spread over CONNECTIONS proxies, one thread per
proxy, every proxy connected before the clock starts. Prints the same line as pyroctl bench:
    mode=... calls=N connections=C seconds=S calls_per_s=R cpu_us_per_call=U
"""
import itertools
import resource
import sys
import threading
import time

import Pyro4


def cpu():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def work(proxy, mode, n):
    if mode == "sync":
        for _ in range(n):
            proxy.echo(1)
    elif mode == "oneway":
        proxy._pyroOneway.add("echo")
        for _ in range(n):
            proxy.echo(1)
    elif mode == "batch":
        batch = Pyro4.batch(proxy)
        for _ in range(n):
            batch.echo(1)
        for _ in batch():
            pass
    elif mode == "stream":
        for _ in itertools.islice(proxy.numbers(), n):
            pass


def main():
    uri, mode, calls, connections = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    if len(sys.argv) > 5:
        Pyro4.config.SERIALIZER = sys.argv[5]
    proxies = [Pyro4.Proxy(uri) for _ in range(connections)]
    for p in proxies:
        p._pyroBind()
    shares = [calls // connections + (1 if i < calls % connections else 0) for i in range(connections)]
    threads = [threading.Thread(target=work, args=(p, mode, n)) for p, n in zip(proxies, shares)]
    c0, t0 = cpu(), time.perf_counter()
    if connections == 1:
        work(proxies[0], mode, calls)
    else:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    seconds, cpu_s = time.perf_counter() - t0, cpu() - c0
    print("mode=%s calls=%d connections=%d seconds=%.4f calls_per_s=%.1f cpu_us_per_call=%.2f"
          % (mode, calls, connections, seconds, calls / seconds, cpu_s * 1e6 / calls))


if __name__ == "__main__":
    main()
