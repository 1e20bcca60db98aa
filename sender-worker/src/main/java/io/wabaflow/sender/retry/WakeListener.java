package io.wabaflow.sender.retry;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.annotation.KafkaListenerAnnotationBeanPostProcessor;
import org.springframework.kafka.config.KafkaListenerConfigUtils;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.kafka.config.MethodKafkaListenerEndpoint;

import io.wabaflow.schemas.ConsumerGroups;
import io.wabaflow.schemas.send.SendMessage;

/**
 * Consumes the delay topics: one listener container per topic (its own consumer group
 * {@code wabaflow-sender-retry-<delay ms>}, so that a rebalance of one never disturbs another or the
 * command consumer). The listener is asynchronous: it returns a future that completes when the record
 * falls due and its send is back in the pipeline, so no thread waits, and the offset is committed only
 * then (a crash before redelivers the record; the row's attempt count makes that harmless).
 *
 * <p>Spring pauses an asynchronous container until every record of its last poll is acknowledged. With
 * one fixed delay per topic that costs nothing: what was polled later falls due later anyway.
 */
public final class WakeListener implements KafkaListenerConfigurer, BeanFactoryAware, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(WakeListener.class);

	public static final String ID_PREFIX = "sender-retry-";

	private final RetryTiers tiers;

	private final Wakeable wakeable;

	private final Clock clock;

	private BeanFactory beanFactory;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "sender-retry-timer");
		thread.setDaemon(true);
		return thread;
	});

	public WakeListener(RetryTiers tiers, Wakeable wakeable, Clock clock) {
		this.tiers = tiers;
		this.wakeable = wakeable;
		this.clock = clock;
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
			method = WakeListener.class.getMethod("onRetry", ConsumerRecord.class);
		}
		catch (NoSuchMethodException e) {
			throw new IllegalStateException(e);
		}
		for (RetryTiers.Tier tier : tiers.tiers()) {
			MethodKafkaListenerEndpoint<String, SpecificRecord> endpoint = new MethodKafkaListenerEndpoint<>();
			endpoint.setId(ID_PREFIX + tier.delay().toMillis());
			endpoint.setGroupId(ConsumerGroups.SENDER + "-retry-" + tier.delay().toMillis());
			endpoint.setTopics(tier.topic());
			endpoint.setBean(this);
			endpoint.setMethod(method);
			endpoint.setMessageHandlerMethodFactory(handlerMethods);
			registrar.registerEndpoint(endpoint);
		}
	}

	/** A retry record: wakes its send when it falls due. Public for the endpoint's reflection only. */
	public CompletableFuture<Void> onRetry(ConsumerRecord<String, SpecificRecord> record) {
		if (!(record.value() instanceof SendMessage command)) {
			log.warn("Skipping a record that is not a SendMessage on {}@{}", record.topic(), record.offset());
			return CompletableFuture.completedFuture(null);
		}
		int attempt = (int) header(record, RetryTiers.ATTEMPT_HEADER, 0);
		long due = header(record, RetryTiers.DUE_HEADER, record.timestamp());
		long wait = due - clock.millis();
		CompletableFuture<Void> woken = new CompletableFuture<>();
		Runnable wake = () -> wakeable.wake(command.getCommandId(), attempt).whenComplete((ok, failure) -> {
			if (failure == null) {
				woken.complete(null);
			}
			else {
				woken.completeExceptionally(failure);
			}
		});
		if (wait <= 0) {
			wake.run();
		}
		else {
			timer.schedule(wake, wait, TimeUnit.MILLISECONDS);
		}
		return woken;
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

	/** A header value as the retry publisher writes it. */
	public static byte[] headerValue(long value) {
		return Long.toString(value).getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void destroy() {
		timer.shutdownNow();
	}

}
