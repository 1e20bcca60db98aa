package io.wabaflow.ops.rebuild;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code wabaflow rebuild sync-projections}: asks the sync worker to rebuild its projections blue/green
 * (a fresh consumer group into fresh tables; reads switch only once it has caught up) and follows it to
 * the end. Starting it while one runs follows the running one, so the command is idempotent.
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
		description = "Rebuild the sync worker's projections from the topics (blue/green) and follow it.")
public final class RebuildCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", description = "What to rebuild: sync-projections")
	String what;

	@Option(names = "--sync-url", defaultValue = "${env:SYNC_URL:-http://localhost:8083}",
			description = "The sync worker (env SYNC_URL, default ${DEFAULT-VALUE}).")
	String syncUrl;

	@Option(names = "--api-key", defaultValue = "${env:WABAFLOW_API_KEY}",
			description = "An operator key with the admin scope (env WABAFLOW_API_KEY; create one with 'wabaflow keys create --operator --scope admin --scope read').")
	String apiKey;

	@Option(names = "--timeout", defaultValue = "30m", description = "Give up following after (default ${DEFAULT-VALUE}).")
	String timeout;

	@Option(names = "--poll-interval", defaultValue = "1s", hidden = true)
	String pollInterval;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@Override
	public Integer call() throws IOException, InterruptedException {
		PrintWriter out = spec.commandLine().getOut();
		if (!"sync-projections".equals(what)) {
			spec.commandLine().getErr().printf("Unknown rebuild target '%s': the one there is, is sync-projections%n", what);
			return 2;
		}
		HttpResponse<String> started = send(HttpRequest.newBuilder(uri()).POST(HttpRequest.BodyPublishers.noBody()));
		if (started.statusCode() != 202 && started.statusCode() != 409) {
			return refused(started);
		}
		JsonNode building = json.readTree(started.body()).path("building");
		int generation = building.path("generation").asInt();
		out.printf("%s generation %d (consumer group %s) into schema %s%n",
				started.statusCode() == 202 ? "Rebuilding as" : "A rebuild is already running: following",
				generation, building.path("group_id").asString(), building.path("schema").asString());
		out.flush();

		Instant deadline = Instant.now().plus(io.wabaflow.ops.kafka.Durations.parse(timeout));
		long lastLag = -1;
		while (Instant.now().isBefore(deadline)) {
			HttpResponse<String> status = send(HttpRequest.newBuilder(uri()).GET());
			if (status.statusCode() != 200) {
				return refused(status);
			}
			JsonNode body = json.readTree(status.body());
			JsonNode active = body.path("active");
			if (active.path("generation").asInt() == generation) {
				out.printf("Generation %d is active: reads switched at %s. Rows (estimated): %s%n", generation,
						active.path("activated_at").asString(), active.path("estimated_rows"));
				out.flush();
				return 0;
			}
			long lag = body.path("building").path("lag").asLong(-1);
			if (lag != lastLag) {
				out.printf("  lag %d%n", lag);
				out.flush();
				lastLag = lag;
			}
			LockSupport.parkNanos(io.wabaflow.ops.kafka.Durations.parse(pollInterval).toNanos());
		}
		spec.commandLine().getErr().printf("Generation %d still building after %s (it goes on in the sync worker; "
				+ "run the command again to follow it).%n", generation, timeout);
		return 1;
	}

	private URI uri() {
		return URI.create(syncUrl.replaceAll("/+$", "") + "/admin/projections/rebuild");
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		if (apiKey != null && !apiKey.isBlank()) {
			request.header("Authorization", "Bearer " + apiKey);
		}
		return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private int refused(HttpResponse<String> response) {
		String why = response.statusCode() == 401 ? "the sync worker refused the API key (--api-key / WABAFLOW_API_KEY)"
				: response.statusCode() == 403 ? "the key lacks the admin scope: rebuilds need an operator key "
						+ "('wabaflow keys create --operator --scope admin --scope read')"
				: "HTTP " + response.statusCode() + ": " + response.body();
		spec.commandLine().getErr().printf("wabaflow rebuild failed: %s%n", why);
		return 1;
	}
}
