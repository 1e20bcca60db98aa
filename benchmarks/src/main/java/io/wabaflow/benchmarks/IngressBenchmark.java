package io.wabaflow.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.kafka.tools.ProducerPerformance;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.wabaflow.ingress.IngressApplication;
import io.wabaflow.metagraph.webhook.EnvelopeSplitter;
import io.wabaflow.sandbox.webhooks.WebhookSignature;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.serde.AvroSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Signed webhooks per second through the ingress (verify the signature, split, publish with acks=all, answer 200)
 * at a fixed number of requests in flight, with p50/p99 latency; beside it, in the same run, a bare Spring endpoint
 * driven by the same load generator, and Kafka's own ProducerPerformance on the same broker with records of the
 * size of one webhook's record and the ingress's producer settings.
 */
@Command(name = "ingress", mixinStandardHelpOptions = true,
		description = "Signed webhooks/s and latency through the ingress, against a bare Spring endpoint and Kafka's ProducerPerformance")
final class IngressBenchmark implements Callable<Integer> {

	@Option(names = "--concurrency", defaultValue = "64", description = "requests in flight (default ${DEFAULT-VALUE})")
	int concurrency;

	@Option(names = "--warm-up", defaultValue = "PT10S", description = "warm-up per target, ISO-8601 (default ${DEFAULT-VALUE})")
	Duration warmUp;

	@Option(names = "--duration", defaultValue = "PT30S", description = "measured time per target (default ${DEFAULT-VALUE})")
	Duration duration;

	@Option(names = "--perf-records", defaultValue = "1000000",
			description = "records ProducerPerformance sends (default ${DEFAULT-VALUE})")
	long perfRecords;

	private static final int DISTINCT_BODIES = 4096;

	private static final String PERF_TOPIC = "benchmarks.producer-performance";

	@Override
	public Integer call() throws Exception {
		Report.title("ingress", "signed webhooks at concurrency " + concurrency + ", " + warmUp.toSeconds() + " s warm-up, "
				+ duration.toSeconds() + " s measured per target");
		List<Webhook> webhooks = webhooks();
		int recordSize = recordSize(webhooks.get(0).body());
		Report.line("webhook body %d bytes, its record on %s %d bytes (Avro single-object)", webhooks.get(0).body().length,
				Topics.WEBHOOKS.name(), recordSize);
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5)).build();
		ClosedLoop load = new ClosedLoop(concurrency, warmUp, duration);

		ClosedLoop.Result bare;
		try (ConfigurableApplicationContext endpoint = new SpringApplicationBuilder(BareEndpoint.class)
				.bannerMode(Banner.Mode.OFF).run("--server.port=0")) {
			bare = load.run("bare", post(http, webhooks, "http://127.0.0.1:" + Stack.port(endpoint) + BareEndpoint.PATH));
		}

		ClosedLoop.Result ingress;
		long published;
		String perf;
		try (Stack stack = new Stack()) {
			Report.line("infrastructure: %s", stack.infrastructure());
			ConfigurableApplicationContext service = stack.service(IngressApplication.class);
			try (Kafka kafka = new Kafka()) {
				long before = Kafka.sum(kafka.endOffsets(List.of(Topics.WEBHOOKS.name())));
				ingress = load.run("ingress", post(http, webhooks, "http://127.0.0.1:" + Stack.port(service) + "/webhooks/whatsapp"));
				published = Kafka.sum(kafka.endOffsets(List.of(Topics.WEBHOOKS.name()))) - before;
			}
			perf = producerPerformance(recordSize);
		}

		Report.figure("ingress", "signed webhooks: " + ingress.summary());
		Report.line("  %,d records reached %s during warm-up and measurement (each 200 answered = one record, acks=all)", published,
				Topics.WEBHOOKS.name());
		Report.anchor("bare Spring endpoint (same Tomcat/MVC, same load generator): " + bare.summary());
		Report.anchor("Kafka ProducerPerformance, same broker, %d-byte records, acks=all, lz4, linger 5 ms, 256 KiB batches: %s"
				.formatted(recordSize, perf));
		Report.line("  ingress / bare endpoint = %.0f%%", 100 * ingress.perSecond() / bare.perSecond());
		return ingress.failed() == 0 ? 0 : 1;
	}

	record Webhook(byte[] body, String signature) {
	}

	/** Meta's inbound text webhooks, one change each, spread over 100 numbers, signed with the app secret. */
	static List<Webhook> webhooks() {
		List<Webhook> webhooks = new ArrayList<>(DISTINCT_BODIES);
		long timestamp = Instant.now().getEpochSecond();
		for (int i = 0; i < DISTINCT_BODIES; i++) {
			String phoneNumberId = "10654035224" + String.format("%04d", i % 100);
			String user = "5511" + String.format("%09d", i);
			String body = """
					{"object":"whatsapp_business_account","entry":[{"id":"10229012934%04d","changes":[{"value":\
					{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},\
					"contacts":[{"profile":{"name":"Cliente %d"},"wa_id":"%s"}],"messages":[{"from":"%s",\
					"id":"wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBQjc3%08d","timestamp":"%d","type":"text",\
					"text":{"body":"Ol\\u00e1! Gostaria de saber se o pedido 4711 j\\u00e1 saiu para entrega, obrigado."}}]},\
					"field":"messages"}]}]}""".formatted(i % 100, phoneNumberId, i, user, user, i, timestamp + i);
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			webhooks.add(new Webhook(bytes, WebhookSignature.sign(Stack.APP_SECRET, bytes)));
		}
		return webhooks;
	}

	private static ClosedLoop.Call post(HttpClient http, List<Webhook> webhooks, String url) {
		URI uri = URI.create(url);
		return sequence -> {
			Webhook webhook = webhooks.get((int) (sequence % webhooks.size()));
			HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
					.header("Content-Type", "application/json").header(WebhookSignature.HEADER, webhook.signature())
					.POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body())).build();
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		};
	}

	private static int recordSize(byte[] body) throws Exception {
		try (AvroSerializer serializer = new AvroSerializer()) {
			return serializer.serialize(Topics.WEBHOOKS.name(),
					new EnvelopeSplitter().split(body).get(0).toRecord(Instant.now())).length;
		}
	}

	/** Runs Kafka's tool in this JVM and returns its summary line. */
	private String producerPerformance(int recordSize) throws Exception {
		try (Kafka kafka = new Kafka()) {
			kafka.create(PERF_TOPIC, Topics.WEBHOOKS.partitions());
		}
		PrintStream console = System.out;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			ProducerPerformance.main(new String[] { "--topic", PERF_TOPIC, "--num-records", Long.toString(perfRecords),
					"--record-size", Integer.toString(recordSize), "--throughput", "-1", "--producer-props",
					"bootstrap.servers=" + Stack.kafka(), "acks=all", "linger.ms=5", "compression.type=lz4",
					"batch.size=262144" });
		}
		finally {
			System.setOut(console);
		}
		String output = captured.toString(StandardCharsets.UTF_8);
		return output.lines().filter(line -> line.contains("records sent")).reduce((first, last) -> last)
				.orElse("no summary; output: " + output);
	}
}
