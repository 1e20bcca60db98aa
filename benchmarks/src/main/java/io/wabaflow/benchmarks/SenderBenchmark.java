package io.wabaflow.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.context.ConfigurableApplicationContext;

import io.wabaflow.sandbox.GraphSandbox;
import io.wabaflow.sandbox.SandboxSettings;
import io.wabaflow.sandbox.ScenarioClient;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.message.MessageEvent;
import io.wabaflow.schemas.message.OutboundStatus;
import io.wabaflow.schemas.registry.NumberStatus;
import io.wabaflow.schemas.registry.NumberType;
import io.wabaflow.schemas.registry.PhoneNumberRegistration;
import io.wabaflow.schemas.send.MessageType;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.schemas.send.SenderKind;
import io.wabaflow.sender.SenderWorkerApplication;
import io.wabaflow.sender.registry.NumberRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Messages per second through the sender to the sandbox for one number configured at a rate (Meta's top tier,
 * 1,000/s, by default): the achieved rate and the most messages in any one second, as the sandbox saw them arrive.
 * The anchor, same run: the sandbox's own capacity, the same send call straight from a load generator.
 */
@Command(name = "sender", mixinStandardHelpOptions = true,
		description = "Messages/s through the sender for one number at 1,000/s, against the sandbox's own capacity")
final class SenderBenchmark implements Callable<Integer> {

	private static final String TEMPLATE = "{\"name\":\"hello_world\",\"language\":{\"code\":\"en_US\"}}";

	@Option(names = "--rate", defaultValue = "1000", description = "the number's configured messages/s (default ${DEFAULT-VALUE})")
	int rate;

	@Option(names = "--messages", defaultValue = "10000", description = "send commands (default ${DEFAULT-VALUE})")
	int messages;

	@Option(names = "--max-in-flight", description = "SENDER_MAX_CALLS_IN_FLIGHT_PER_NUMBER for the worker (default: the worker's, 64)")
	Integer maxInFlight;

	@Option(names = "--anchor-concurrency", defaultValue = "64", description = "calls in flight to the sandbox (default ${DEFAULT-VALUE})")
	int anchorConcurrency;

	@Option(names = "--anchor-duration", defaultValue = "PT15S", description = "default ${DEFAULT-VALUE}")
	Duration anchorDuration;

	@Option(names = "--timeout", defaultValue = "PT5M", description = "default ${DEFAULT-VALUE}")
	Duration timeout;

	@Override
	public Integer call() throws Exception {
		Report.title("sender", "%,d template messages for one number configured at %,d/s".formatted(messages, rate));
		try (Stack stack = new Stack()) {
			Report.line("infrastructure: %s", stack.infrastructure());
			// Statuses are not part of this figure: with no callback the sandbox records its webhooks instead of
			// spending this machine on signing and posting three per message. Pair-rate limits would refuse the
			// anchor's burst to a few users; they are lifted, the number's own rate is what is measured.
			GraphSandbox sandbox = stack.sandbox(SandboxSettings.defaults().withCallbackUrl("")
					.with("sandbox.pair-rate.burst", "1000000"));
			ScenarioClient scenario = sandbox.scenario();

			ClosedLoop.Result capacity = sandboxCapacity(sandbox, scenario);
			Report.line("sandbox alone: %s", capacity.summary());

			ConfigurableApplicationContext worker = maxInFlight == null ? stack.service(SenderWorkerApplication.class)
					: stack.service(SenderWorkerApplication.class, "--SENDER_MAX_CALLS_IN_FLIGHT_PER_NUMBER=" + maxInFlight);
			Report.line("sender: %s calls in flight per number at most",
					worker.getEnvironment().getProperty("wabaflow.sender.pipeline.max-calls-in-flight-per-number"));
			String business = scenario.createBusiness("Loja rápida");
			String waba = scenario.createWaba(business, true);
			String phone = scenario.createCloudNumber(waba, "+55 11 4000-0001", true);
			scenario.patch("/phone-numbers/" + phone, Map.of("throughputMps", rate));
			register(stack, worker, phone, waba, business, scenario.businessToken(business));

			Set<String> ours = ConcurrentHashMap.newKeySet();
			Map<String, Long> sentAt = new ConcurrentHashMap<>();
			long start;
			try (TopicWatch watch = new TopicWatch(Topics.MESSAGE_EVENTS.name(), value -> {
				if (value instanceof MessageEvent event && event.getStatus() == OutboundStatus.SENT
						&& ours.contains(event.getCommandId())) {
					sentAt.put(event.getCommandId(), event.getOccurredAt().toEpochMilli());
				}
			}); KafkaProducer<String, SpecificRecord> producer = Kafka.producer()) {
				start = System.nanoTime();
				for (int i = 0; i < messages; i++) {
					SendMessage command = SendMessage.newBuilder().setCommandId("bench-" + phone + "-" + i).setTenantId(business)
							.setPhoneNumberId(phone).setTo("55119" + String.format("%08d", i % 5_000))
							.setType(MessageType.TEMPLATE).setContentJson(TEMPLATE).setSender(SenderKind.SYSTEM)
							.setIssuedAt(Instant.now()).build();
					ours.add(command.getCommandId());
					producer.send(new ProducerRecord<>(Topics.SEND_COMMANDS.name(), phone, command));
				}
				producer.flush();
				Polling.until(() -> sentAt.size() >= messages, timeout, 100); // the figure says how many made it
			}
			long wallNanos = System.nanoTime() - start;
			long[] arrivals = arrivals(scenario, phone);
			long[] sent = sentAt.values().stream().mapToLong(Long::longValue).toArray();

			Report.figure("sender", "%,d of %,d messages SENT in %.1f s from the first command produced = %,.0f/s; "
					.formatted(sent.length, messages, wallNanos / 1e9, Rates.perSecond(sent.length, wallNanos))
					+ "achieved rate at the sandbox %,.0f/s (first to last call), most in any one second %,d (configured %,d/s)"
							.formatted(Rates.between(arrivals), Rates.maxInAnySecond(arrivals), rate));
			Report.line("  the sender's own SENT events: %,.0f/s between first and last, most in any one second %,d",
					Rates.between(sent), Rates.maxInAnySecond(sent));
			Report.anchor("the sandbox's own capacity for the same call, %d in flight from a load generator: %s"
					.formatted(anchorConcurrency, capacity.summary()));
			return sent.length == messages ? 0 : 1;
		}
	}

	/** The send call straight to the sandbox, for a number with no throughput limit of its own to speak of. */
	private ClosedLoop.Result sandboxCapacity(GraphSandbox sandbox, ScenarioClient scenario) throws InterruptedException {
		String business = scenario.createBusiness("Anchor");
		String phone = scenario.createCloudNumber(scenario.createWaba(business, true), "+55 11 4000-0000", true);
		scenario.patch("/phone-numbers/" + phone, Map.of("throughputMps", 1_000_000));
		String token = scenario.businessToken(business);
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		URI uri = URI.create(sandbox.graphUrl() + "/" + phone + "/messages");
		return new ClosedLoop(anchorConcurrency, Duration.ofSeconds(5), anchorDuration).run("sandbox", sequence -> {
			String body = "{\"messaging_product\":\"whatsapp\",\"to\":\"55118%08d\",\"type\":\"template\",\"template\":%s}"
					.formatted(sequence % 5_000, TEMPLATE);
			HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		});
	}

	/** The registry record onboarding would publish, and the worker having read it. */
	private void register(Stack stack, ConfigurableApplicationContext worker, String phone, String waba, String tenant,
			String token) throws Exception {
		register(stack, worker, phone, waba, tenant, token, rate);
	}

	static void register(Stack stack, ConfigurableApplicationContext worker, String phone, String waba, String tenant,
			String token, int rate) throws Exception {
		Instant now = Instant.now();
		PhoneNumberRegistration registration = PhoneNumberRegistration.newBuilder().setPhoneNumberId(phone)
				.setTenantId(tenant).setWabaId(waba).setNumberType(NumberType.CLOUD).setStatus(NumberStatus.ACTIVE)
				.setEncryptedAccessToken(ByteBuffer.wrap(stack.cipher().encrypt(token, phone))).setThroughputMps(rate)
				.setOnboardedAt(now).setUpdatedAt(now).build();
		try (KafkaProducer<String, SpecificRecord> producer = Kafka.producer()) {
			producer.send(new ProducerRecord<>(Topics.PHONE_NUMBERS.name(), phone, registration)).get();
		}
		NumberRegistry registry = worker.getBean(NumberRegistry.class);
		Polling.await("the sender to learn of " + phone, () -> registry.find(phone).isPresent(), Duration.ofSeconds(60),
				50);
	}

	/** When the sandbox answered each accepted message call of the number (its call log keeps the last 10,000). */
	private static long[] arrivals(ScenarioClient scenario, String phone) {
		java.util.List<Long> at = new java.util.ArrayList<>();
		scenario.get("/calls?operation=messages&nodeId=" + phone).forEach(call -> {
			if (call.path("status").asInt() == 200) {
				at.add(Instant.parse(call.path("at").asString()).toEpochMilli());
			}
		});
		return at.stream().mapToLong(Long::longValue).toArray();
	}
}
