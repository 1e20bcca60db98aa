package io.wabaflow.platform.kafka;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.annotation.KafkaListenerAnnotationBeanPostProcessor;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.KafkaListenerConfigUtils;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.kafka.config.MethodKafkaListenerEndpoint;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;

/**
 * "Try again in at least {@code d}", as Kafka records: written to a topic whose one delay is {@code d} and handed
 * back when due, so that no consumer thread ever waits (DESIGN principle 4) and a retry survives a restart.
 *
 * <p>Each topic has one fixed delay, so its records fall due in the order they were written and the head of a
 * partition never holds back a record that is already due. Topics are {@code <base>-retry-<ms>} (their dead letters
 * go to {@code <base>.dlt}, as Spring's retry topics), keyed as the base topic so a key's retries stay on the
 * instance that owns the key. One listener container and consumer group per topic, so a rebalance of one disturbs
 * no other. The listener returns at once with a future that completes when the record fell due and its handler's
 * work settled ({@link AsyncRecordSettler}); Spring pauses such a container until its last poll is acknowledged,
 * which costs nothing here: what was polled later falls due later.
 */
public final class DelayTopics implements KafkaListenerConfigurer, BeanFactoryAware, DisposableBean {

	public static final String DUE_HEADER = "wabaflow-due-at";

	public static final String ATTEMPT_HEADER = "wabaflow-attempt";

	/** What a due record is handed to: its value and the attempt it was scheduled for. */
	public interface Handler {

		CompletableFuture<Void> due(Object value, int attempt);
	}

	/** A delay topic. */
	public record Tier(Duration delay, String topic) {
	}

	private final String group;

	private final List<Tier> tiers;

	private final int partitions;

	private final Duration retention;

	private final KafkaTemplate<String, Object> template;

	private final AsyncRecordSettler settler;

	private final Clock clock;

	private final ScheduledExecutorService timer;

	private volatile Handler handler;

	private BeanFactory beanFactory;

	/**
	 * @param baseTopic the topic the delays belong to (in the catalogue, so that its dead-letter topic exists)
	 * @param group the consumer group prefix: each tier is read by {@code <group>-retry-<ms>}
	 * @param delays the delays offered; a request for another delay takes the next longer one
	 */
	public DelayTopics(String baseTopic, String group, Collection<Duration> delays, int partitions, Duration retention,
			KafkaTemplate<String, Object> template, AsyncRecordSettler settler, Clock clock) {
		this.group = group;
		this.partitions = partitions;
		this.retention = retention;
		this.template = template;
		this.settler = settler;
		this.clock = clock;
		List<Tier> all = new ArrayList<>();
		new TreeSet<>(delays).forEach(delay -> all.add(new Tier(delay, baseTopic + "-retry-" + delay.toMillis())));
		if (all.isEmpty()) {
			throw new IllegalArgumentException("Delay topics of " + baseTopic + " need at least one delay");
		}
		this.tiers = List.copyOf(all);
		this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, group + "-delay-timer");
			thread.setDaemon(true);
			return thread;
		});
	}

	public List<Tier> tiers() {
		return tiers;
	}

	/** Who the due records go to; set once, before the containers start. */
	public void handleWith(Handler handler) {
		this.handler = handler;
	}

	/**
	 * Writes {@code value} to the shortest tier whose delay is at least {@code atLeast} (the longest if none is), due
	 * that tier's delay from now; the future completes when the broker has it.
	 */
	public CompletableFuture<Void> delay(String key, Object value, int attempt, Duration atLeast) {
		Tier tier = tierFor(atLeast);
		return publish(tier, key, value, attempt, clock.millis() + tier.delay().toMillis());
	}

	/**
	 * Writes {@code value} due at {@code due}, to the shortest tier whose delay covers the time left until then (the
	 * longest if none does: its head is then held until {@code due}); the future completes when the broker has it.
	 */
	public CompletableFuture<Void> delayUntil(String key, Object value, int attempt, Instant due) {
		return publish(tierFor(Duration.ofMillis(Math.max(0, due.toEpochMilli() - clock.millis()))), key, value, attempt,
				due.toEpochMilli());
	}

	private Tier tierFor(Duration atLeast) {
		return tiers.stream().filter(t -> t.delay().compareTo(atLeast) >= 0).findFirst()
				.orElse(tiers.get(tiers.size() - 1));
	}

	private CompletableFuture<Void> publish(Tier tier, String key, Object value, int attempt, long dueMillis) {
		ProducerRecord<String, Object> record = new ProducerRecord<>(tier.topic(), key, value);
		record.headers().add(DUE_HEADER, text(dueMillis));
		record.headers().add(ATTEMPT_HEADER, text(attempt));
		return template.send(record).thenApply(sent -> null);
	}

	/** The delay topics, created at start-up like every catalogue topic (brokers don't auto-create). */
	public NewTopic[] newTopics() {
		return tiers.stream().map(tier -> TopicBuilder.name(tier.topic()).partitions(partitions)
				.configs(Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis()))).build())
				.toArray(NewTopic[]::new);
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void configureKafkaListeners(KafkaListenerEndpointRegistrar registrar) {
		// the same argument resolution as @KafkaListener methods get (ConsumerRecord, async returns)
		MessageHandlerMethodFactory handlerMethods = beanFactory.getBean(
				KafkaListenerConfigUtils.KAFKA_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME,
				KafkaListenerAnnotationBeanPostProcessor.class).getMessageHandlerMethodFactory();
		Method method;
		try {
			method = DelayTopics.class.getMethod("onDelayed", ConsumerRecord.class);
		}
		catch (NoSuchMethodException e) {
			throw new IllegalStateException(e);
		}
		for (Tier tier : tiers) {
			MethodKafkaListenerEndpoint<String, Object> endpoint = new MethodKafkaListenerEndpoint<>();
			endpoint.setId(group + "-retry-" + tier.delay().toMillis());
			endpoint.setGroupId(group + "-retry-" + tier.delay().toMillis());
			endpoint.setTopics(tier.topic());
			endpoint.setBean(this);
			endpoint.setMethod(method);
			endpoint.setMessageHandlerMethodFactory(handlerMethods);
			registrar.registerEndpoint(endpoint);
		}
	}

	/** A delayed record: handed to the handler when due. Public for the endpoint's reflection only. */
	public CompletableFuture<Void> onDelayed(ConsumerRecord<String, Object> record) {
		int attempt = (int) header(record, ATTEMPT_HEADER, 1);
		long wait = header(record, DUE_HEADER, record.timestamp()) - clock.millis();
		Handler current = handler;
		if (current == null) {
			throw new IllegalStateException("No handler for the delay topic " + record.topic());
		}
		if (wait <= 0) {
			return settler.settle(record, () -> current.due(record.value(), attempt));
		}
		CompletableFuture<Void> done = new CompletableFuture<>();
		timer.schedule(() -> settler.settle(record, () -> current.due(record.value(), attempt)).whenComplete(
				(ok, failure) -> done.complete(null)), wait, TimeUnit.MILLISECONDS);
		return done;
	}

	@Override
	public void destroy() {
		timer.shutdownNow();
	}

	/** Header values are decimal text, so that ops read them as they are ({@code wabaflow tail}). */
	private static byte[] text(long value) {
		return Long.toString(value).getBytes(StandardCharsets.UTF_8);
	}

	private static long header(ConsumerRecord<?, ?> record, String name, long fallback) {
		Header header = record.headers().lastHeader(name);
		if (header == null) {
			return fallback;
		}
		try {
			return Long.parseLong(new String(header.value(), StandardCharsets.UTF_8));
		}
		catch (NumberFormatException e) {
			return fallback;
		}
	}
}
