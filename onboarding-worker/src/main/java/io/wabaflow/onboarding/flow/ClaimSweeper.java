package io.wabaflow.onboarding.flow;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.wabaflow.onboarding.OnboardingProperties;
import io.wabaflow.onboarding.polling.Continuations;
import io.wabaflow.platform.kafka.TransientInfrastructureFailure;

/**
 * The safety net of the work queue. It finds steps whose claim expired without being applied (the worker that ran
 * them stopped: crash, kill, lost database, after the continuation's offset was committed or while a redelivery
 * found the claim still fresh), and flows whose step is long overdue and unclaimed (their continuation was
 * dead-lettered after the database was down longer than the consumer's retries). Their continuation is sent
 * again; the claim check makes a duplicate harmless, and a creation step that finds itself claimed before polls
 * instead of creating again.
 */
@Component
class ClaimSweeper {

	private static final Logger log = LoggerFactory.getLogger(ClaimSweeper.class);

	private final FlowRepository flows;

	private final Continuations continuations;

	private final KafkaTemplate<String, Object> template;

	private final OnboardingProperties properties;

	private final Clock clock;

	ClaimSweeper(FlowRepository flows, Continuations continuations, KafkaTemplate<String, Object> template,
			OnboardingProperties properties, Clock clock) {
		this.flows = flows;
		this.continuations = continuations;
		this.template = template;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${wabaflow.onboarding.sweep-interval:10s}",
			fixedDelayString = "${wabaflow.onboarding.sweep-interval:10s}")
	void sweep() {
		try {
			sweepNow();
		}
		catch (RuntimeException e) {
			if (!TransientInfrastructureFailure.isCause(e)) {
				throw e;
			}
			// the database is away: nothing is lost, the next round sweeps what this one could not
			log.warn("Claim sweep skipped, the database is away: {}", e.toString());
		}
	}

	private void sweepNow() {
		Instant now = clock.instant();
		for (Flow flow : flows.lostClaims(now.minus(properties.claimTimeout()), 500)) {
			log.warn("{}: its {} step was claimed at least {} ago and never applied; running it again", flow,
					flow.state().step(), properties.claimTimeout());
			resend(flow, now);
		}
		for (Flow flow : flows.stalled(now.minus(properties.stallTimeout()), now, 500)) {
			log.warn("{}: its {} step has been overdue for more than {} without running; sending it again", flow,
					flow.state().step(), properties.stallTimeout());
			resend(flow, now);
		}
	}

	private void resend(Flow flow, Instant now) {
		template.send(continuations.record(flow.onboardingId(), flow.tenantId(), flow.version(), flow.state().name(),
				Math.max(flow.stepAttempt(), flow.pollAttempts()) + 1, now, now));
	}
}
