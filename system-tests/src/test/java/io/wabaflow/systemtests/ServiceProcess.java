package io.wabaflow.systemtests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service as an operating-system process of its own: {@code java -jar <service>-exec.jar}, configured only
 * through its environment, as in production. Its output goes to {@code <logs>/<module>.log}, appended across
 * restarts with a line that marks each start and each stop, so a failure can be read there afterwards.
 */
final class ServiceProcess {

	/**
	 * Small heaps and a quick start: four JVMs and the test JVM share two cores. C1 only, because these tests
	 * measure correctness, not peak speed, and C2 compiling four Spring contexts at once would slow every start.
	 */
	private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
			"-Djava.util.concurrent.ForkJoinPool.common.parallelism=4");

	/** What a service's environment keeps from the test JVM's: nothing that could configure it by accident. */
	private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "TMPDIR", "TZ");

	private final Service service;

	private final int port;

	private final Map<String, String> environment;

	private final Path log;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private Process process;

	ServiceProcess(Service service, int port, Map<String, String> environment, Path logs) {
		this.service = service;
		this.port = port;
		this.environment = Map.copyOf(environment);
		this.log = logs.resolve(service.module() + ".log");
	}

	Service service() {
		return service;
	}

	String url() {
		return "http://127.0.0.1:" + port;
	}

	Path log() {
		return log;
	}

	synchronized boolean alive() {
		return process != null && process.isAlive();
	}

	synchronized long pid() {
		return process.pid();
	}

	/** Starts the process; {@link #awaitReady} waits until it serves HTTP. */
	synchronized void start() {
		if (alive()) {
			throw new IllegalStateException(service + " is already running (pid " + process.pid() + ")");
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM_OPTIONS);
		command.add("-jar");
		command.add(service.jar().toString());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		Map<String, String> env = builder.environment();
		env.keySet().retainAll(INHERITED);
		env.putAll(environment);
		env.put("SERVER_PORT", Integer.toString(port));
		mark("started: " + String.join(" ", command));
		try {
			process = builder.start();
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot start " + service, e);
		}
	}

	/** Until the service answers HTTP on its port (its Spring context is up: the web server starts last). */
	void awaitReady(Duration patience) {
		await(service + " serving on " + url() + " (log: " + log.toAbsolutePath() + ")").atMost(patience)
				.pollInterval(Duration.ofMillis(250)).until(this::answers);
	}

	/** SIGKILL: no shutdown hook, no graceful anything, as when a machine or a container dies. */
	synchronized void kill() {
		if (process == null || !process.isAlive()) {
			return;
		}
		process.destroyForcibly();
		waitForExit(Duration.ofSeconds(30));
		mark("killed (SIGKILL), exit " + process.exitValue());
	}

	/** SIGTERM, then SIGKILL if it has not gone after a while: the end of a test run. */
	synchronized void stop() {
		if (process == null || !process.isAlive()) {
			return;
		}
		process.destroy();
		if (!waitForExit(Duration.ofSeconds(20))) {
			process.destroyForcibly();
			waitForExit(Duration.ofSeconds(20));
		}
		mark("stopped, exit " + (process.isAlive() ? "none (still alive!)" : process.exitValue()));
	}

	private boolean answers() {
		synchronized (this) {
			if (process == null || !process.isAlive()) {
				throw new IllegalStateException(service + " exited" + (process == null ? "" : " with " + process.exitValue())
						+ " before serving; see " + log.toAbsolutePath());
			}
		}
		try {
			// any answer will do (401, 404, 503): the server is up
			http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health")).timeout(Duration.ofSeconds(2)).GET()
					.build(), HttpResponse.BodyHandlers.discarding());
			return true;
		}
		catch (IOException notYet) { // refused, or not answering yet
			return false;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private boolean waitForExit(Duration patience) {
		try {
			return process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void mark(String what) {
		try {
			Files.writeString(log, "\n===== system-tests " + Instant.now() + ": " + service.module() + " " + what + "\n",
					StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
