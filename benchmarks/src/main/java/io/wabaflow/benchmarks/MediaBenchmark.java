package io.wabaflow.benchmarks;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.context.ConfigurableApplicationContext;

import io.wabaflow.metagraph.client.GraphClient;
import io.wabaflow.metagraph.client.GraphModel;
import io.wabaflow.metagraph.client.GraphSettings;
import io.wabaflow.metagraph.client.MediaStream;
import io.wabaflow.sandbox.GraphSandbox;
import io.wabaflow.sandbox.SandboxSettings;
import io.wabaflow.sandbox.ScenarioClient;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.media.MediaEvent;
import io.wabaflow.schemas.media.MediaState;
import io.wabaflow.schemas.webhook.WebhookChange;
import io.wabaflow.sender.SenderWorkerApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Inbound media downloads per second through the sender (webhook on the topic → Meta's URL → bytes streamed into the
 * filesystem media store → media event), 100 KB images spread over several numbers. The anchor, same run: the
 * sandbox's own rate for the same two calls (media info, then the download), from a load generator in this JVM.
 */
@Command(name = "media", mixinStandardHelpOptions = true,
		description = "Inbound media downloads/s through the sender, against the sandbox's own download rate")
final class MediaBenchmark implements Callable<Integer> {

	@Option(names = "--media", defaultValue = "2000", description = "images to download (default ${DEFAULT-VALUE})")
	int media;

	@Option(names = "--size", defaultValue = "102400", description = "bytes per image (default ${DEFAULT-VALUE})")
	int size;

	@Option(names = "--numbers", defaultValue = "8", description = "numbers the images arrive on (default ${DEFAULT-VALUE})")
	int numbers;

	@Option(names = "--anchor-concurrency", defaultValue = "32", description = "downloads in flight (default ${DEFAULT-VALUE})")
	int anchorConcurrency;

	@Option(names = "--anchor-duration", defaultValue = "PT10S", description = "default ${DEFAULT-VALUE}")
	Duration anchorDuration;

	@Option(names = "--timeout", defaultValue = "PT5M", description = "default ${DEFAULT-VALUE}")
	Duration timeout;

	@Override
	public Integer call() throws Exception {
		Report.title("media", "%,d inbound images of %,d bytes on %d numbers, downloaded into the media store"
				.formatted(media, size, numbers));
		Path store = Files.createTempDirectory("wabaflow-bench-media-");
		try (Stack stack = new Stack()) {
			Report.line("infrastructure: %s", stack.infrastructure());
			GraphSandbox sandbox = stack.sandbox(SandboxSettings.defaults().withCallbackUrl(""));
			ScenarioClient scenario = sandbox.scenario();

			ClosedLoop.Result capacity = sandboxRate(sandbox, scenario);
			Report.line("sandbox alone: %s", capacity.summary());

			ConfigurableApplicationContext worker = stack.service(SenderWorkerApplication.class,
					"--wabaflow.media.directory=" + store, "--SENDER_MEDIA_PER_NUMBER=8", "--SENDER_MEDIA_THREADS=32");
			List<String> phones = new ArrayList<>();
			for (int n = 0; n < numbers; n++) {
				String business = scenario.createBusiness("Loja de fotos " + n);
				String waba = scenario.createWaba(business, true);
				String phone = scenario.createCloudNumber(waba, "+55 11 4100-%04d".formatted(n), true);
				SenderBenchmark.register(stack, worker, phone, waba, business, scenario.businessToken(business), 80);
				phones.add(phone);
			}
			List<WebhookChange> changes = new ArrayList<>();
			for (int i = 0; i < media; i++) {
				String phone = phones.get(i % numbers);
				ScenarioClient.Media image = scenario.createMedia(phone, "image/jpeg", size);
				changes.add(imageWebhook(phone, image, i));
			}

			Set<String> stored = ConcurrentHashMap.newKeySet();
			Map<String, Long> storedAt = new ConcurrentHashMap<>();
			long start;
			try (TopicWatch watch = new TopicWatch(Topics.MEDIA_EVENTS.name(), value -> {
				if (value instanceof MediaEvent event && event.getState() == MediaState.STORED) {
					stored.add(event.getMediaId());
					storedAt.putIfAbsent(event.getMediaId(), event.getOccurredAt().toEpochMilli());
				}
			}); KafkaProducer<String, SpecificRecord> producer = Kafka.producer()) {
				start = System.nanoTime();
				for (WebhookChange change : changes) {
					producer.send(new ProducerRecord<>(Topics.WEBHOOKS.name(), change.getPhoneNumberId(), change));
				}
				producer.flush();
				Polling.until(() -> stored.size() >= media, timeout, 100);
			}
			long wallNanos = System.nanoTime() - start;
			long[] at = storedAt.values().stream().mapToLong(Long::longValue).toArray();
			Report.figure("media", "%,d of %,d images of %,d bytes stored in %.1f s from the first webhook produced = %,.0f/s"
					.formatted(stored.size(), media, size, wallNanos / 1e9, Rates.perSecond(stored.size(), wallNanos))
					+ " (%,.1f MB/s); most stored in any one second %,d".formatted(
							Rates.perSecond(stored.size(), wallNanos) * size / 1e6, Rates.maxInAnySecond(at)));
			Report.anchor("the sandbox's own rate for media info + download of the same images, %d in flight: %s"
					.formatted(anchorConcurrency, capacity.summary()));
			return stored.size() == media ? 0 : 1;
		}
		finally {
			try (var files = Files.walk(store)) {
				files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	/** What the sender does per media, straight from a load generator: Meta's URL, then the bytes. */
	private ClosedLoop.Result sandboxRate(GraphSandbox sandbox, ScenarioClient scenario) throws InterruptedException {
		String business = scenario.createBusiness("Anchor");
		String phone = scenario.createCloudNumber(scenario.createWaba(business, true), "+55 11 4100-9999", true);
		String token = scenario.businessToken(business);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			ids.add(scenario.createMedia(phone, "image/jpeg", size).id());
		}
		GraphClient graph = GraphClient.create(new GraphSettings(URI.create(sandbox.baseUrl()), sandbox.settings().graphVersion(),
				Stack.APP_ID, Stack.APP_SECRET, Duration.ofSeconds(20)));
		return new ClosedLoop(anchorConcurrency, Duration.ofSeconds(3), anchorDuration).run("sandbox", sequence -> {
			GraphModel.MediaInfo info = graph.mediaInfo(ids.get((int) (sequence % ids.size())), token).join();
			try (MediaStream bytes = graph.downloadMedia(info.url(), token).join()) {
				return bytes.readAllBytes().length == size;
			}
		});
	}

	private static WebhookChange imageWebhook(String phone, ScenarioClient.Media image, int i) {
		String user = "55119%08d".formatted(i % 10_000);
		String value = """
				{"messaging_product": "whatsapp", "metadata": {"display_phone_number": "551141000000", "phone_number_id": "%s"},
				 "contacts": [{"profile": {"name": "Cliente"}, "wa_id": "%s"}],
				 "messages": [{"from": "%s", "id": "wamid.bench.%d.%s", "timestamp": "%d", "type": "image",
				   "image": {"id": "%s", "mime_type": "image/jpeg", "sha256": "%s"}}]}"""
				.formatted(phone, user, user, i, phone, Instant.now().getEpochSecond(), image.id(), image.sha256());
		return WebhookChange.newBuilder().setEventId("bench-media-" + phone + "-" + i).setObject("whatsapp_business_account")
				.setWabaId("0").setField("messages").setPhoneNumberId(phone).setValueJson(value)
				.setEntryTime(Instant.now().getEpochSecond()).setReceivedAt(Instant.now()).build();
	}
}
