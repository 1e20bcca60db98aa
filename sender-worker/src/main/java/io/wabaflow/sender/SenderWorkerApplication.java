package io.wabaflow.sender;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.wabaflow.platform.crypto.TokenCipherConfiguration;
import io.wabaflow.sender.template.TemplateProperties;

/**
 * The sender worker: turns {@code SendMessage} commands into Graph API calls, once per command, at each
 * number's rate, and reports what happened on the message-events and command-results topics.
 */
@SpringBootApplication
@EnableConfigurationProperties({ SenderProperties.class, TemplateProperties.class })
@Import(TokenCipherConfiguration.class)
public class SenderWorkerApplication {

	/**
	 * The JDK's HttpClient hands every answer of {@code sendAsync} to the common pool; with fewer than three
	 * cores that pool has parallelism 1 and CompletableFuture then starts a new thread per answer (measured
	 * here on 2 cores: the Graph calls topped out near 100/s). A pool of at least 4 keeps the answers on
	 * reused threads. Set before anything touches the pool; an explicit setting wins.
	 */
	static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

	public static void main(String[] args) {
		if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
			System.setProperty(COMMON_POOL_PARALLELISM,
					Integer.toString(Math.max(4, Runtime.getRuntime().availableProcessors())));
		}
		SpringApplication.run(SenderWorkerApplication.class, args);
	}

	/**
	 * Window checks, retry due times and timestamps read this clock, so a test can move it 24 h ahead (with
	 * a {@code @Primary} clock of its own). Rate limiting reads the monotonic {@code System.nanoTime()}.
	 */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}
}
