package io.wabaflow.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real S3-compatible server per test JVM: Adobe's S3Mock, run from its executable jar (from Maven Central, no
 * Docker) in a process of its own, started on first use with the bucket {@value #BUCKET}, stopped when the JVM exits.
 * The module's build hands the jar's path over in the system property {@code s3mock.jar} (see the platform's pom).
 */
public final class TestS3 {

	public static final String BUCKET = "wabaflow-media";

	private static final Logger log = LoggerFactory.getLogger(TestS3.class);

	private static volatile String endpoint;

	private TestS3() {
	}

	/** The server's HTTP endpoint, e.g. {@code http://127.0.0.1:41234}: path-style, any credentials. */
	public static String endpoint() {
		String current = endpoint;
		if (current == null) {
			synchronized (TestS3.class) {
				current = endpoint;
				if (current == null) {
					current = start();
					endpoint = current;
				}
			}
		}
		return current;
	}

	private static String start() {
		String jar = System.getProperty("s3mock.jar");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("No S3Mock jar (system property s3mock.jar is " + jar + "): run the test "
					+ "through Maven, whose build copies com.adobe.testing:s3mock:exec and sets it");
		}
		try {
			int http = freePort();
			int https = freePort();
			Path root = Files.createTempDirectory("s3mock-");
			Path logFile = Path.of(System.getProperty("java.io.tmpdir"), "s3mock-" + http + ".log");
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar,
					"--http.port=" + http, "--server.port=" + https,
					"--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
					"--com.adobe.testing.s3mock.store.root=" + root,
					"--com.adobe.testing.s3mock.max-payload-size=128MB", "--spring.main.banner-mode=off"))
					.redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "test-s3-stop"));
			String url = "http://127.0.0.1:" + http;
			await("S3Mock serving on " + url + " (log: " + logFile + ")").atMost(Duration.ofSeconds(90))
					.pollInterval(Duration.ofMillis(250)).until(() -> {
						if (!process.isAlive()) {
							throw new IllegalStateException("S3Mock exited with " + process.exitValue() + "; see " + logFile);
						}
						return answers(url);
					});
			log.info("S3Mock serving on {} (bucket {}), pid {}", url, BUCKET, process.pid());
			return url;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot start S3Mock", e);
		}
	}

	private static boolean answers(String url) {
		try {
			HttpURLConnection connection = (HttpURLConnection) URI.create(url + "/").toURL().openConnection();
			connection.setConnectTimeout(500);
			connection.setReadTimeout(2000);
			try {
				return connection.getResponseCode() == 200;
			}
			finally {
				connection.disconnect();
			}
		}
		catch (IOException notYet) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
