package io.wabaflow.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** A retried record says why, at growing intervals, without its value. */
class FailedDeliveryLogTest {

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger(DeadLetterErrorHandlers.class);

	@BeforeEach
	void listen() {
		appender.start();
		logger.addAppender(appender);
	}

	@AfterEach
	void stop() {
		logger.detachAppender(appender);
	}

	@Test
	void theRootCauseIsLoggedAtTheFirstSecondFourthAndEighthDeliveryNeverTheValue() {
		ConsumerRecord<String, String> record = new ConsumerRecord<>("wabaflow.webhooks.v1", 3, 42L, "pn-1",
				"secret value");
		Exception failure = new IllegalStateException("wrapped", new SQLException(
				"column \"x\" is of type timestamp with time zone but expression is of type text", "42804"));
		DeadLetterErrorHandlers.FailedDeliveryLog log = new DeadLetterErrorHandlers.FailedDeliveryLog();
		for (int attempt = 1; attempt <= 9; attempt++) {
			log.failedDelivery(record, failure, attempt);
		}
		assertThat(appender.list).hasSize(4);
		assertThat(appender.list.get(0).getFormattedMessage()).contains("wabaflow.webhooks.v1-3@42")
				.contains("delivery 1").contains("is of type timestamp").doesNotContain("secret value");
		assertThat(appender.list.get(3).getFormattedMessage()).contains("delivery 8");
	}
}
