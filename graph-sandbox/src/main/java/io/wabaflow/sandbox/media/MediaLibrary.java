package io.wabaflow.sandbox.media;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.graph.GraphCall;
import io.wabaflow.sandbox.runtime.Resettable;
import io.wabaflow.sandbox.runtime.SandboxProperties;
import io.wabaflow.sandbox.runtime.SandboxRandom;
import io.wabaflow.sandbox.world.PhoneNumber;
import io.wabaflow.sandbox.world.World;

/**
 * The media Meta holds, in memory: what businesses uploaded and what users sent. A media id lives
 * {@code sandbox.media.retention} (30 days) on the sandbox clock; the library keeps at most
 * {@code sandbox.media.keep} files and {@code max-total-size} bytes, forgetting the oldest first.
 */
@Component
public class MediaLibrary implements Resettable {

	private final World world;
	private final SandboxRandom random;
	private final SandboxProperties.Media settings;
	private final Clock clock;
	private final AtomicLong seq = new AtomicLong();
	private final Map<String, MediaFile> files = new HashMap<>();
	private final Deque<String> order = new ArrayDeque<>();
	private long totalBytes;

	MediaLibrary(World world, SandboxRandom random, SandboxProperties properties, Clock clock) {
		this.world = world;
		this.random = random;
		this.settings = properties.media();
		this.clock = clock;
	}

	@Override
	public synchronized void reset() {
		files.clear();
		order.clear();
		totalBytes = 0;
	}

	/** Stores a file of the number's business; the bytes are the caller's to give away (not copied). */
	public MediaFile add(PhoneNumber phone, String mimeType, String filename, byte[] bytes) {
		return store(newId(), phone, mimeType, filename, bytes);
	}

	/**
	 * {@code size} bytes that depend only on the media id, so a scenario repeated with the same seed gets the same
	 * files (and a 100 MB file costs no scenario JSON).
	 */
	public MediaFile addGenerated(PhoneNumber phone, String mimeType, String filename, int size) {
		if (size < 0) {
			throw new IllegalArgumentException("size must not be negative");
		}
		String id = newId();
		byte[] bytes = new byte[size];
		new SplittableRandom(Long.parseLong(id)).nextBytes(bytes);
		return store(id, phone, mimeType, filename, bytes);
	}

	private MediaFile store(String id, PhoneNumber phone, String mimeType, String filename, byte[] bytes) {
		String businessId = world.requireWaba(phone.wabaId()).ownerBusinessId();
		MediaFile file = new MediaFile(id, phone.id(), businessId, mimeType, filename, bytes, sha256(bytes),
				clock.instant(), seq.incrementAndGet());
		synchronized (this) {
			files.put(file.id(), file);
			order.addLast(file.id());
			totalBytes += file.size();
			forgetOldestBeyondBounds();
		}
		return file;
	}

	/** Longer than the world's ids, so a Graph call on it is named a media call by the id alone. */
	private String newId() {
		return random.digits(GraphCall.MEDIA_ID_DIGITS);
	}

	/** A media id Meta still has: known, not deleted, not older than the retention. */
	public synchronized Optional<MediaFile> find(String id) {
		MediaFile file = id == null ? null : files.get(id);
		if (file == null || file.createdAt().plus(settings.retention()).isBefore(clock.instant())) {
			return Optional.empty();
		}
		return Optional.of(file);
	}

	public MediaFile require(String id) {
		return find(id).orElseThrow(() -> new NoSuchElementException("no media " + id));
	}

	/** Meta no longer has it (deleted by the business, or the scenario says so); false when it had no such id. */
	public synchronized boolean delete(String id) {
		MediaFile removed = files.remove(id);
		if (removed == null) {
			return false;
		}
		order.remove(id);
		totalBytes -= removed.size();
		return true;
	}

	public synchronized List<MediaFile> list() {
		return files.values().stream().sorted(Comparator.comparingLong(MediaFile::seq)).toList();
	}

	private void forgetOldestBeyondBounds() {
		// the newest file stays even when it alone is over the bound: it was just handed out
		while (order.size() > 1
				&& (files.size() > settings.keep() || totalBytes > settings.maxTotalSize().toBytes())) {
			String oldest = order.pollFirst();
			if (oldest == null) {
				return;
			}
			MediaFile removed = files.remove(oldest);
			if (removed != null) {
				totalBytes -= removed.size();
			}
		}
	}

	static String sha256(byte[] bytes) {
		try {
			return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JVM has SHA-256", e);
		}
	}
}
