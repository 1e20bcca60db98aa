package io.wabaflow.sender.web;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import io.wabaflow.metagraph.client.GraphApiException;
import io.wabaflow.metagraph.client.GraphClient;
import io.wabaflow.metagraph.client.GraphErrorClass;

/**
 * An answer of the sender's HTTP API other than success, as problem+json ({@code urn:wabaflow:problem:<slug>}):
 * what is wrong and what to do, in {@code detail}. {@link ApiProblemAdvice} writes it.
 */
public final class ApiProblem extends RuntimeException {

	private final HttpStatus status;

	private final String slug;

	public ApiProblem(HttpStatus status, String slug, String detail) {
		super(detail, null, false, false);
		this.status = status;
		this.slug = slug;
	}

	public HttpStatus status() {
		return status;
	}

	ProblemDetail body() {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, getMessage());
		body.setType(URI.create("urn:wabaflow:problem:" + slug));
		return body;
	}

	/**
	 * The answer of a Graph call an HTTP caller waits for: Meta refusing (permanent, credentials) is 422 with Meta's
	 * words, Meta unavailable 502, no answer in {@code wait} 504.
	 */
	public static <T> T awaitGraph(CompletableFuture<T> call, Duration wait) {
		try {
			return call.get(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "interrupted", "Interrupted; try again.");
		}
		catch (TimeoutException e) {
			throw new ApiProblem(HttpStatus.GATEWAY_TIMEOUT, "graph-timeout",
					"Meta did not answer within " + wait.toSeconds() + " s; try again.");
		}
		catch (ExecutionException e) {
			GraphApiException failure = GraphClient.unwrap(e);
			if (failure == null) {
				throw new ApiProblem(HttpStatus.BAD_GATEWAY, "graph-failure", "The Graph API call failed: " + e.getCause());
			}
			GraphErrorClass kind = failure.error().classification();
			boolean refused = kind == GraphErrorClass.PERMANENT || kind == GraphErrorClass.AUTH;
			throw new ApiProblem(refused ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_GATEWAY,
					refused ? "graph-refused" : "graph-unavailable",
					"Meta answered " + (failure.error().code() == null ? "" : "(#" + failure.error().code() + ") ")
							+ failure.error().message() + (refused ? "" : "; try again later."));
		}
	}
}
