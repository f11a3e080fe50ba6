#!/usr/bin/env python3
"""Ping-pong between two processes over multiprocessing.Queue: the classic process-based design procmesh replaces.

Measured like the Java harness: at a fixed rate, latency runs from each request's *intended* send time, so a
stall is charged to every request scheduled behind it (coordinated omission corrected); rate 0 is unthrottled.
One request is in flight at a time. The warm-up is not recorded. Sending stops at --overrun-factor times the
planned length; scheduled requests never sent are counted at their wait so far (a lower bound).

Prints one JSON object on stdout: count, throughputPerSec, sent, unsent, maxNs and percentiles {"50.0": ns, ...}.
"""
import argparse
import json
import multiprocessing as mp
import os
import queue
import sys
import time


def echo(requests, replies, parent_pid):
    """Partner process: returns every message as it came. Ends on None, or when the parent is gone."""
    while True:
        try:
            message = requests.get(timeout=1.0)
        except queue.Empty:
            if os.getppid() != parent_pid:
                return
            continue
        if message is None:
            return
        replies.put(message)


def percentile(sorted_values, pct):
    """Nearest-rank percentile of a sorted list, as HdrHistogram reports it."""
    if not sorted_values:
        return 0
    rank = max(1, int(-(-pct * len(sorted_values) // 100)))  # ceil without floats going wrong at 100
    return sorted_values[min(rank, len(sorted_values)) - 1]


def run(args):
    requests = mp.Queue()
    replies = mp.Queue()
    partner = mp.Process(target=echo, args=(requests, replies, os.getpid()), daemon=True)
    partner.start()
    try:
        filler = b"x" * max(0, args.size)
        requests.put(filler)  # first round trip starts the partner's loop and the queues' feeder threads
        replies.get(timeout=30)

        clock = time.perf_counter_ns
        interval = 0 if args.rate == 0 else 1_000_000_000 // args.rate
        start = clock()
        measure_from = start + args.warmup_ms * 1_000_000
        schedule_end = measure_from + args.measure_ms * 1_000_000
        send_deadline = start + int((args.warmup_ms + args.measure_ms) * 1_000_000 * args.overrun_factor)

        latencies = []
        sent = 0
        replies_in_window = 0
        last_reply = 0
        next_send = start
        while True:
            now = clock()
            if interval == 0:
                if now >= schedule_end:
                    break
                intended = now
            else:
                if next_send >= schedule_end or now >= send_deadline:
                    break
                while now < next_send:
                    now = clock()
                intended = next_send
                next_send += interval
            requests.put(filler)
            replies.get(timeout=30)
            sent += 1
            done = clock()
            if intended >= measure_from:
                latencies.append(done - intended)
            if done >= measure_from:
                replies_in_window += 1
                last_reply = done

        stopped = clock()
        unsent = 0
        if interval:
            intended = next_send
            while intended < schedule_end:
                if intended >= measure_from:
                    latencies.append(max(0, stopped - intended))
                unsent += 1
                intended += interval
    finally:
        requests.put(None)
        partner.join(timeout=5)
        if partner.is_alive():
            partner.kill()

    latencies.sort()
    window = last_reply - measure_from
    return {
        "size": args.size,
        "rate": args.rate,
        "count": len(latencies),
        "sent": sent,
        "unsent": unsent,
        "throughputPerSec": replies_in_window * 1e9 / window if window > 0 else 0.0,
        "maxNs": latencies[-1] if latencies else 0,
        "percentiles": {str(p): percentile(latencies, p) for p in args.percentiles},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, required=True, help="payload bytes per message")
    parser.add_argument("--rate", type=int, required=True, help="messages per second, 0 for unthrottled")
    parser.add_argument("--warmup-ms", type=int, default=1000)
    parser.add_argument("--measure-ms", type=int, default=4000)
    parser.add_argument("--overrun-factor", type=float, default=2.0)
    parser.add_argument("--percentiles", default="50,90,99,99.9,99.99",
                        help="comma-separated percentiles to report")
    args = parser.parse_args()
    if args.size < 0 or args.rate < 0 or args.measure_ms <= 0 or args.overrun_factor < 1:
        parser.error("size and rate must be >= 0, measure-ms > 0, overrun-factor >= 1")
    args.percentiles = [float(p) for p in args.percentiles.split(",")]
    print(json.dumps(run(args)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
