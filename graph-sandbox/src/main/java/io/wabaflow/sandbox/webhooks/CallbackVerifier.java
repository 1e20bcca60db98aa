package io.wabaflow.sandbox.webhooks;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.SandboxRandom;

/**
 * The verification handshake [CWE]: {@code GET <url>?hub.mode=subscribe&hub.challenge=<random>&hub.verify_token=<token>};
 * verified only by a 200 whose body is exactly the challenge.
 */
@Component
public class CallbackVerifier {

	public record Result(String url, boolean verified, int status, String body, String error) {
	}

	private final CallbackTarget target;
	private final SandboxRandom random;
	private final HttpClient client;

	CallbackVerifier(CallbackTarget target, SandboxRandom random, HttpClient sandboxHttpClient) {
		this.target = target;
		this.random = random;
		this.client = sandboxHttpClient;
	}

	/** Verifies the app's callback URL and remembers the outcome. */
	public Result verifyAppCallback() {
		CallbackTarget.Settings settings = target.settings();
		Result result = verify(settings.callbackUrl(), settings.verifyToken());
		target.markVerified(settings.callbackUrl(), result.verified());
		return result;
	}

	public Result verify(String url, String verifyToken) {
		if (url == null || url.isBlank()) {
			return new Result(url, false, 0, null, "no callback URL configured");
		}
		String challenge = random.digits(10);
		String query = "hub.mode=subscribe&hub.challenge=" + challenge + "&hub.verify_token="
				+ URLEncoder.encode(verifyToken == null ? "" : verifyToken, StandardCharsets.UTF_8);
		try {
			URI uri = URI.create(url + (url.contains("?") ? "&" : "?") + query);
			HttpResponse<String> response = client.send(
					HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			boolean verified = response.statusCode() == 200 && challenge.equals(response.body());
			return new Result(url, verified, response.statusCode(), response.body(), null);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Result(url, false, 0, null, "interrupted");
		}
		catch (Exception e) {
			return new Result(url, false, 0, null, e.toString());
		}
	}
}
