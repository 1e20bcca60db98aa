package io.wabaflow.ingress.command;

import java.time.Clock;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.CommonLoggingErrorHandler;

import io.micrometer.core.instrument.MeterRegistry;
import io.wabaflow.ingress.IngressProperties;
import io.wabaflow.ingress.publish.DurablePublisher;
import io.wabaflow.platform.kafka.CompactedTopicView;
import io.wabaflow.metagraph.message.MessageContentValidator;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class CommandConfiguration {

	@Bean
	CommandOutcomes commandOutcomes(IngressProperties properties, Clock clock) {
		return new CommandOutcomes(properties, clock);
	}

	@Bean
	CommandResultsListener commandResultsListener(CommandOutcomes outcomes, Clock clock, IngressProperties properties) {
		return new CommandResultsListener(outcomes, clock, properties.outcomeWindow());
	}

	/**
	 * The results consumer's containers: Boot's settings, but a result that cannot be read is logged and
	 * skipped, not dead-lettered. Every ingress instance reads every result, so each would dead-letter the
	 * same record again; and a lost result only turns a waiting request's answer into a 202.
	 */
	@Bean
	ConcurrentKafkaListenerContainerFactory<Object, Object> commandResultsContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumerFactory);
		factory.setCommonErrorHandler(new CommonLoggingErrorHandler());
		return factory;
	}

	@Bean
	CommandSubmission commandSubmission(DurablePublisher publisher, IngressProperties properties, Clock clock,
			CommandOutcomes outcomes, JsonMapper json, MeterRegistry meters) {
		return new CommandSubmission(publisher, new RecentCommands(properties, clock), outcomes, json, meters);
	}

	@Bean
	NumberOwners numberOwners(KafkaProperties kafka) {
		return new NumberOwners(String.join(",", kafka.getBootstrapServers()), CompactedTopicView.settingsOf(kafka));
	}

	@Bean
	CommandTenant commandTenant(NumberOwners owners) {
		return new CommandTenant(owners);
	}

	@Bean
	CommandRequests commandRequests(IngressProperties properties, JsonMapper json, Clock clock) {
		return new CommandRequests(properties, json, clock, new MessageContentValidator());
	}
}
