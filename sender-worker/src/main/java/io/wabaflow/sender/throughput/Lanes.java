package io.wabaflow.sender.throughput;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane per business number: a queue of sends that leave at the number's rate. A lane that must wait
 * schedules itself for when its gate opens; nothing sleeps, and a slow number never holds up another
 * (each has its own queue and gate; the threads only move sends that may leave now).
 */
public final class Lanes implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Lanes.class);

	private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

	private final ScheduledExecutorService scheduler;

	private final ToIntFunction<String> messagesPerSecond;

	private final Duration burst;

	private final Duration jitterAllowance;

	private final int maxBatch;

	private final int maxInFlight;

	private volatile Consumer<List<Paced>> sink = ready -> {
	};

	/**
	 * @param messagesPerSecond the current rate of a number (asked at every drain: a rate change applies
	 *                          at once)
	 * @param maxBatch          the most sends one drain hands on together
	 * @param maxInFlight       the most sends of one number handed on and not yet {@link #done} (claimed,
	 *                          being called): a number whose calls are slow stops taking tokens instead of
	 *                          piling up claims, and HTTP/1.1 needs a connection per call in flight
	 */
	public Lanes(int threads, ToIntFunction<String> messagesPerSecond, Duration burst, Duration jitterAllowance,
			int maxBatch, int maxInFlight) {
		this.maxInFlight = maxInFlight;
		this.scheduler = Executors.newScheduledThreadPool(threads, runnable -> {
			Thread thread = new Thread(runnable, "sender-lane");
			thread.setDaemon(true);
			return thread;
		});
		this.messagesPerSecond = messagesPerSecond;
		this.burst = burst;
		this.jitterAllowance = jitterAllowance;
		this.maxBatch = maxBatch;
	}

	/** Where sends go when their number's gate lets them: the dispatcher. */
	public void sink(Consumer<List<Paced>> sink) {
		this.sink = sink;
	}

	public void offer(Paced paced) {
		Lane lane = lanes.computeIfAbsent(paced.phoneNumberId(), Lane::new);
		lane.add(paced);
	}

	/** A send handed on by the lane has finished its call (or was dropped): the lane may hand on another. */
	public void done(String phoneNumberId) {
		Lane lane = lanes.get(phoneNumberId);
		if (lane != null) {
			lane.done();
		}
	}

	/** Removes queued sends (not those already handed on), e.g. of partitions this instance lost. */
	public List<Paced> drop(Predicate<Paced> which) {
		List<Paced> dropped = new ArrayList<>();
		lanes.values().forEach(lane -> lane.drop(which, dropped));
		return dropped;
	}

	/**
	 * Whether a claimed send of the number may leave now (see {@link Departures}): 0 means yes and it is
	 * counted as gone; else how many nanoseconds to wait before asking again (with {@link #later}).
	 */
	public long tryDepart(String phoneNumberId) {
		Lane lane = lanes.computeIfAbsent(phoneNumberId, Lane::new);
		return lane.tryDepart();
	}

	/** Runs a task after a delay on the lanes' scheduler. */
	public void later(long delayNanos, Runnable task) {
		scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
	}

	public int queued(String phoneNumberId) {
		Lane lane = lanes.get(phoneNumberId);
		return lane == null ? 0 : lane.size();
	}

	@Override
	public void close() {
		scheduler.shutdownNow();
	}

	private final class Lane {

		private final String phoneNumberId;

		private final ArrayDeque<Paced> queue = new ArrayDeque<>();

		private RateGate gate;

		private Departures departures;

		private boolean scheduled;

		/** Handed on and not done yet. */
		private int inFlight;

		Lane(String phoneNumberId) {
			this.phoneNumberId = phoneNumberId;
		}

		void add(Paced paced) {
			boolean start;
			synchronized (this) {
				queue.addLast(paced);
				start = !scheduled;
				scheduled = true;
			}
			if (start) {
				submit(0);
			}
		}

		void done() {
			boolean start;
			synchronized (this) {
				inFlight--;
				// a lane that stopped at its in-flight bound is not scheduled: this restarts it
				start = !scheduled && !queue.isEmpty();
				if (start) {
					scheduled = true;
				}
			}
			if (start) {
				submit(0);
			}
		}

		synchronized int size() {
			return queue.size();
		}

		synchronized void drop(Predicate<Paced> which, List<Paced> dropped) {
			for (Iterator<Paced> it = queue.iterator(); it.hasNext();) {
				Paced paced = it.next();
				if (which.test(paced)) {
					it.remove();
					dropped.add(paced);
				}
			}
		}

		private void submit(long delayNanos) {
			try {
				if (delayNanos <= 0) {
					scheduler.execute(this::drain);
				}
				else {
					scheduler.schedule(this::drain, delayNanos, TimeUnit.NANOSECONDS);
				}
			}
			catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
				log.debug("Lane {} not drained: shutting down", phoneNumberId);
			}
		}

		private void drain() {
			List<Paced> ready = new ArrayList<>();
			long wait = 0;
			boolean again;
			synchronized (this) {
				RateGate current = gate();
				boolean full = false;
				while (!queue.isEmpty() && ready.size() < maxBatch) {
					if (inFlight >= maxInFlight) {
						full = true; // done() restarts the lane
						break;
					}
					wait = current.tryAcquire();
					if (wait > 0) {
						break;
					}
					ready.add(queue.pollFirst());
					inFlight++;
				}
				again = !queue.isEmpty() && !full;
				// an empty lane is no longer scheduled: the next add() schedules it again
				scheduled = again;
			}
			if (!ready.isEmpty()) {
				try {
					sink.accept(ready);
				}
				catch (RuntimeException e) {
					log.error("Dispatching {} sends of {} failed", ready.size(), phoneNumberId, e);
				}
			}
			if (again) {
				submit(wait);
			}
		}

		synchronized long tryDepart() {
			int mps = messagesPerSecond.applyAsInt(phoneNumberId);
			if (departures == null || departures.perSecond() != mps) {
				departures = new Departures(mps, jitterAllowance);
			}
			return departures.tryDepart(System.nanoTime());
		}

		private RateGate gate() {
			int mps = messagesPerSecond.applyAsInt(phoneNumberId);
			if (gate == null || gate.perSecond() != mps) {
				gate = new RateGate(mps, burst, jitterAllowance, System::nanoTime);
			}
			return gate;
		}
	}
}
