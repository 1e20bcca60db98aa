package io.wabaflow.ingress.command;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.wabaflow.ingress.IngressProperties;
import io.wabaflow.ingress.publish.DurablePublisher;
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

	@Bean
	CommandSubmission commandSubmission(DurablePublisher publisher, IngressProperties properties, Clock clock,
			CommandOutcomes outcomes, JsonMapper json, MeterRegistry meters) {
		return new CommandSubmission(publisher, new RecentCommands(properties, clock), outcomes, json, meters);
	}

	@Bean
	CommandRequests commandRequests(IngressProperties properties, JsonMapper json, Clock clock) {
		return new CommandRequests(properties, json, clock, new MessageContentValidator());
	}
}
