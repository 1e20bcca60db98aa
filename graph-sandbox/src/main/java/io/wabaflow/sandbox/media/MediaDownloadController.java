package io.wabaflow.sandbox.media;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.sandbox.graph.Caller;
import io.wabaflow.sandbox.graph.Callers;
import io.wabaflow.sandbox.graph.GraphAccess;
import io.wabaflow.sandbox.graph.GraphPaths;
import io.wabaflow.sandbox.world.World;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET <media URL>} with {@code Authorization: Bearer <token>}: the bytes, with the media's
 * {@code Content-Type} and {@code Content-Length}. This is Meta's CDN, not Graph, so its refusals are bare statuses
 * with a line of text: 401 without a token the sandbox knows, 404 for a URL that expired (the caller fetches a
 * fresh one with {@code GET /{media-id}}), was tampered with, points at media Meta no longer has, or that the token
 * may not read. Fault rules ({@code operation: media_download}) and slow-download rules apply.
 */
@RestController
class MediaDownloadController {

	private static final int CHUNK = 64 * 1024;

	private final MediaLibrary library;
	private final MediaUrls urls;
	private final SlowDownloads slow;
	private final GraphAccess access;
	private final World world;

	MediaDownloadController(MediaLibrary library, MediaUrls urls, SlowDownloads slow, GraphAccess access,
			World world) {
		this.library = library;
		this.urls = urls;
		this.slow = slow;
		this.access = access;
		this.world = world;
	}

	@GetMapping({ GraphPaths.MEDIA_DOWNLOAD, GraphPaths.MEDIA_DOWNLOAD + "/" })
	void download(@RequestParam(required = false) String mid, @RequestParam(required = false) String ext,
			@RequestParam(required = false) String hash, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		Optional<Caller> caller = Callers.find(request);
		if (caller.isEmpty()) {
			refuse(response, HttpStatus.UNAUTHORIZED, "A valid access token is required to download media.");
			return;
		}
		if (urls.verify(mid, ext, hash) != MediaUrls.Verdict.VALID) {
			refuse(response, HttpStatus.NOT_FOUND, "URL signature expired or invalid.");
			return;
		}
		Optional<MediaFile> file = library.find(mid).filter(media -> world.phone(media.phoneNumberId())
				.filter(phone -> access.sees(caller.get(), phone)).isPresent());
		if (file.isEmpty()) {
			refuse(response, HttpStatus.NOT_FOUND, "Media not found.");
			return;
		}
		send(file.get(), slow.of(file.get()), response);
	}

	private static void send(MediaFile file, Optional<SlowDownloads.Rule> rule, HttpServletResponse response)
			throws IOException {
		if (rule.isPresent()) {
			pause(rule.get().firstByteDelay());
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(file.mimeType());
		response.setContentLengthLong(file.size());
		OutputStream out = response.getOutputStream();
		long bytesPerSecond = rule.map(SlowDownloads.Rule::bytesPerSecond).orElse(0L);
		if (bytesPerSecond == 0) {
			out.write(file.bytes());
			return;
		}
		// a trickle: chunks of at most a tenth of a second's worth, each sent on time
		int chunk = (int) Math.max(1, Math.min(CHUNK, bytesPerSecond / 10));
		long started = System.nanoTime();
		for (int offset = 0; offset < file.bytes().length; offset += chunk) {
			int length = Math.min(chunk, file.bytes().length - offset);
			out.write(file.bytes(), offset, length);
			out.flush();
			long dueNanos = (offset + length) * 1_000_000_000L / bytesPerSecond;
			pause(Duration.ofNanos(dueNanos - (System.nanoTime() - started)));
		}
	}

	private static void refuse(HttpServletResponse response, HttpStatus status, String why) throws IOException {
		response.setStatus(status.value());
		response.setContentType("text/plain;charset=UTF-8");
		response.getWriter().write(why);
	}

	private static void pause(Duration delay) {
		if (delay.isNegative() || delay.isZero()) {
			return;
		}
		try {
			Thread.sleep(delay.toMillis(), (int) (delay.toNanos() % 1_000_000));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
