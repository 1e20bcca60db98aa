package io.wabaflow.sandbox.graph;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Resettable;

/** The last Graph calls received, so a test can assert what its client did ("polled three times"). */
@Component
public class CallLog implements Resettable {

	private static final int KEEP = 10_000;

	public record Entry(long seq, Instant at, String method, String path, String operation, String nodeId,
			int status, Integer errorCode) {
	}

	private final Deque<Entry> entries = new ArrayDeque<>();
	private final AtomicLong seq = new AtomicLong();

	@Override
	public synchronized void reset() {
		entries.clear();
	}

	synchronized void record(GraphCall call, Instant at, int status, Integer errorCode) {
		entries.addLast(new Entry(seq.incrementAndGet(), at, call.method(), call.path(), call.operation(),
				call.nodeId(), status, errorCode));
		while (entries.size() > KEEP) {
			entries.removeFirst();
		}
	}

	public synchronized List<Entry> entries() {
		return List.copyOf(entries);
	}
}
