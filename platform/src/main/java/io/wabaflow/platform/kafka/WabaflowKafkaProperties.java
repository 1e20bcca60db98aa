package io.wabaflow.platform.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code wabaflow.kafka.*}: how hard a consumer retries a failing record before dead-lettering it. */
@ConfigurationProperties("wabaflow.kafka")
public class WabaflowKafkaProperties {

	/** Retries of a failing record (after the first attempt) before it goes to the dead-letter topic. */
	private int retries = 3;

	private Duration retryInitialInterval = Duration.ofMillis(200);

	private Duration retryMaxInterval = Duration.ofSeconds(5);

	public int getRetries() {
		return retries;
	}

	public void setRetries(int retries) {
		this.retries = retries;
	}

	public Duration getRetryInitialInterval() {
		return retryInitialInterval;
	}

	public void setRetryInitialInterval(Duration retryInitialInterval) {
		this.retryInitialInterval = retryInitialInterval;
	}

	public Duration getRetryMaxInterval() {
		return retryMaxInterval;
	}

	public void setRetryMaxInterval(Duration retryMaxInterval) {
		this.retryMaxInterval = retryMaxInterval;
	}
}
