package io.wabaflow.sender.send;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import io.wabaflow.metagraph.client.GraphClient;
import io.wabaflow.metagraph.client.GraphSettings;
import io.wabaflow.platform.db.TenantReads;
import io.wabaflow.platform.kafka.AsyncRecordSettler;
import io.wabaflow.platform.kafka.DelayTopics;
import io.wabaflow.schemas.ConsumerGroups;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.sender.template.TemplateChecks;
import io.wabaflow.sender.template.TemplateProperties;
import io.wabaflow.sender.SenderProperties;
import io.wabaflow.sender.media.MediaUploads;
import io.wabaflow.sender.registry.NumberRegistry;
import io.wabaflow.sender.retry.RetryTiers;
import io.wabaflow.sender.throughput.Lanes;
import io.wabaflow.sender.throughput.PairGate;
import tools.jackson.databind.json.JsonMapper;

/** The send pipeline's plain classes, wired once: intake → lanes → dispatcher → settlements. */
@Configuration(proxyBeanMethods = false)
class SendConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SendConfiguration.class);

	/** Who claims calls: unique per process start, so a restarted worker never mistakes old claims for its own. */
	@Bean
	String senderInstanceId() {
		return "sender-" + UUID.randomUUID();
	}

	@Bean
	GraphClient graphClient(SenderProperties properties) {
		SenderProperties.Graph graph = properties.getGraph();
		GraphSettings settings = new GraphSettings(graph.getBaseUrl(), graph.getVersion(), null, null,
				graph.getRequestTimeout());
		// HTTP/1.1 keep-alive connections, as many as calls in flight; the client never blocks a caller
		return new GraphClient(settings, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(graph.getRequestTimeout()).executor(daemonPool("sender-graph", 4)).build());
	}

	/** The status API's reads, as the reader role of migration V2 (row-level security on sends). */
	@Bean
	TenantReads senderTenantReads(Jdbi jdbi) {
		return new TenantReads(jdbi, "wabaflow_sender_reader");
	}

	@Bean(destroyMethod = "shutdownNow")
	ExecutorService senderDatabaseExecutor() {
		// one thread per micro-batcher at most (claims, settlements, loads, published marks)
		return daemonPool("sender-db", 4);
	}

	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService senderRetryTimer() {
		return Executors.newSingleThreadScheduledExecutor(daemon("sender-write-retry"));
	}

	@Bean
	RetryTiers retryTiers(SenderProperties properties, TemplateProperties templates) {
		// a send waiting for a paused template looks again after paused-recheck: a tier of that delay
		return templates.waitWhenPaused() ? new RetryTiers(properties.getRetry(), templates.pausedRecheck())
				: new RetryTiers(properties.getRetry());
	}

	@Bean
	PausedTemplates pausedTemplates(TemplateChecks checks, NumberRegistry registry, TemplateProperties templates) {
		return new PausedTemplates(checks, registry, templates);
	}

	/**
	 * The retry tiers as delay topics: {@code wabaflow.commands.send.v1-sender-retry-<ms>}, read by the groups
	 * {@code wabaflow-sender-retry-<ms>}; a due record wakes its send ({@link Retries}).
	 */
	@Bean
	DelayTopics senderRetryTopics(RetryTiers tiers, @Qualifier("kafkaTemplate") KafkaTemplate<String, Object> kafka,
			AsyncRecordSettler settler, Clock clock) {
		return new DelayTopics(Topics.SEND_COMMANDS.name() + "-sender", ConsumerGroups.SENDER,
				tiers.tiers().stream().map(RetryTiers.Tier::delay).toList(), Topics.SEND_COMMANDS.partitions(),
				RetryTiers.RETENTION, kafka, settler, clock);
	}

	@Bean
	KafkaAdmin.NewTopics senderRetryTopicsCreated(@Qualifier("senderRetryTopics") DelayTopics senderRetryTopics) {
		return new KafkaAdmin.NewTopics(senderRetryTopics.newTopics());
	}

	@Bean(destroyMethod = "close")
	Lanes lanes(NumberRegistry registry, SenderProperties properties) {
		SenderProperties.Throughput throughput = properties.getThroughput();
		return new Lanes(properties.getPipeline().getLaneThreads(),
				phoneNumberId -> registry.find(phoneNumberId).map(registry::messagesPerSecond)
						.orElse(throughput.getDefaultMps()),
				throughput.getBurst(), throughput.getJitterAllowance(), properties.getPipeline().getMaxBatch(),
				properties.getPipeline().getMaxCallsInFlightPerNumber());
	}

	@Bean
	InFlight inFlight(KafkaListenerEndpointRegistry containers, SenderProperties properties) {
		return new InFlight(containers, properties.getPipeline().getMaxInFlightPerPartition());
	}

	@Bean
	Events events(@Qualifier("kafkaTemplate") KafkaTemplate<String, Object> kafka) {
		return new Events(kafka);
	}

	@Bean
	CommandRules commandRules(NumberRegistry registry, SenderProperties properties, StoredMediaSends storedMediaSends) {
		return new CommandRules(registry, properties.getServiceWindow(), storedMediaSends);
	}

	@Bean(destroyMethod = "shutdownNow")
	ExecutorService senderMediaUploadExecutor() {
		// uploads of stored objects named by sends: blocking (a file streamed to Meta), never on a pipeline thread
		return daemonPool("sender-media-upload", 4);
	}

	@Bean
	StoredMediaSends storedMediaSends(MediaUploads uploads, NumberRegistry registry, SendStore store,
			@Qualifier("senderMediaUploadExecutor") ExecutorService senderMediaUploadExecutor, Clock clock) {
		return new StoredMediaSends(uploads, registry, store, senderMediaUploadExecutor, clock);
	}

	@Bean
	Settlements settlements(SendStore store, Events events, RetryTiers tiers,
			@Qualifier("senderRetryTopics") DelayTopics senderRetryTopics, InFlight inFlight, Clock clock,
			String senderInstanceId, SenderProperties properties, ExecutorService senderDatabaseExecutor,
			ScheduledExecutorService senderRetryTimer) {
		return new Settlements(store, events, tiers, senderRetryTopics, inFlight, clock, senderInstanceId,
				properties.getInDoubtAfter(), senderDatabaseExecutor, senderRetryTimer,
				properties.getPipeline().getMaxBatch());
	}

	@Bean
	Dispatcher dispatcher(SendStore store, NumberRegistry registry, GraphClient graphClient, SenderProperties properties,
			ObjectProvider<SendHooks> hooks, Settlements settlements, InFlight inFlight, Clock clock,
			String senderInstanceId, ExecutorService senderDatabaseExecutor, Lanes lanes) {
		Dispatcher dispatcher = new Dispatcher(store, registry, graphClient, new GraphRequests(JsonMapper.builder().build()),
				new Verdicts(properties.getInDoubtPolicy()), hooks.getIfAvailable(() -> new SendHooks() {
				}), settlements, inFlight, lanes, new PairGate(properties.getThroughput().getPairBurst(),
						properties.getThroughput().getPairInterval(), properties.getThroughput().getPairMargin(),
						System::nanoTime), clock, senderInstanceId, senderDatabaseExecutor,
				properties.getPipeline().getMaxBatch());
		lanes.sink(dispatcher::dispatch);
		return dispatcher;
	}

	@Bean
	Retries retries(SendStore store, InFlight inFlight, Lanes lanes, CommandRules rules, Settlements settlements,
			PausedTemplates pausedTemplates, StoredMediaSends storedMediaSends, Clock clock,
			ExecutorService senderDatabaseExecutor, SenderProperties properties,
			@Qualifier("senderRetryTopics") DelayTopics senderRetryTopics) {
		Retries retries = new Retries(store, inFlight, lanes, rules, settlements, pausedTemplates, storedMediaSends,
				clock, senderDatabaseExecutor, properties.getPipeline().getMaxBatch());
		senderRetryTopics.handleWith((value, attempt) -> {
			if (value instanceof SendMessage command) {
				return retries.wake(command.getCommandId(), attempt);
			}
			log.warn("Not a SendMessage on a sender retry topic: {}", value == null ? null : value.getClass());
			return CompletableFuture.completedFuture(null);
		});
		return retries;
	}

	@Bean
	Intake intake(SendStore store, CommandRules rules, TemplateChecks templates, PausedTemplates pausedTemplates,
			StoredMediaSends storedMediaSends, NumberRegistry registry, Jdbi jdbi, Events events, Settlements settlements, Retries retries, Clock clock,
			Dispatcher dispatcher) {
		return new Intake(store, rules, templates, pausedTemplates, storedMediaSends, registry,
				new ConversationStarts(jdbi), events, settlements, retries, clock);
	}

	@Bean
	Recovery recovery(SendStore store, InFlight inFlight, Retries retries, Settlements settlements, Clock clock,
			SenderProperties properties) {
		return new Recovery(store, inFlight, retries, settlements, clock, properties);
	}

	private static ExecutorService daemonPool(String name, int threads) {
		return Executors.newFixedThreadPool(threads, daemon(name));
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		AtomicInteger count = new AtomicInteger();
		return runnable -> {
			Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}
}
