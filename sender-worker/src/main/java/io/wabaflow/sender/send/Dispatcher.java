package io.wabaflow.sender.send;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.wabaflow.metagraph.client.GraphClient;
import io.wabaflow.metagraph.client.GraphModel.SentMessage;
import io.wabaflow.sender.registry.NumberRegistry;
import io.wabaflow.sender.registry.RegisteredNumber;
import io.wabaflow.sender.send.Settlement.Expect;
import io.wabaflow.sender.throughput.Paced;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes the sends a number's lane let through, claims them (INTENDED, committed: the intent is recorded
 * before any call) and calls the Graph API for each claimed one, asynchronously: many calls of one number
 * are in flight at once, and no thread waits for Meta. A send whose claim fails was taken by a duplicate
 * or another instance, and is dropped here.
 */
final class Dispatcher {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private final SendStore store;

	private final NumberRegistry registry;

	private final GraphClient graph;

	private final GraphRequests requests;

	private final Verdicts verdicts;

	private final SendHooks hooks;

	private final Settlements settlements;

	private final InFlight inFlight;

	private final Clock clock;

	private final String owner;

	private final MicroBatcher<Work, Boolean> claims;

	Dispatcher(SendStore store, NumberRegistry registry, GraphClient graph, GraphRequests requests, Verdicts verdicts,
			SendHooks hooks, Settlements settlements, InFlight inFlight, Clock clock, String owner, Executor database,
			int maxBatch) {
		this.store = store;
		this.registry = registry;
		this.graph = graph;
		this.requests = requests;
		this.verdicts = verdicts;
		this.hooks = hooks;
		this.settlements = settlements;
		this.inFlight = inFlight;
		this.clock = clock;
		this.owner = owner;
		this.claims = new MicroBatcher<>("claim", this::claim, database, maxBatch);
	}

	void dispatch(List<Paced> ready) {
		for (Paced paced : ready) {
			Work work = (Work) paced;
			claims.submit(work).whenComplete((claimed, failure) -> {
				if (failure != null) {
					log.warn("Claiming {} failed: recovery picks it up again", work.commandId());
					inFlight.release(work.commandId());
				}
				else if (!claimed) {
					log.debug("{} was not claimable (settled, or claimed elsewhere)", work.commandId());
					inFlight.release(work.commandId());
				}
				else {
					call(work);
				}
			});
		}
	}

	private List<Boolean> claim(List<Work> works) {
		Set<String> claimed = store.claim(works, owner, clock.instant());
		return works.stream().map(work -> claimed.contains(work.commandId())).toList();
	}

	private void call(Work work) {
		int attempt = work.expectedAttempt() + 1;
		Optional<RegisteredNumber> number = registry.find(work.phoneNumberId()).filter(RegisteredNumber::active);
		if (number.isEmpty()) {
			// the number left the registry since the command was accepted: no call was made
			settlements.settle(work, attempt, new Verdict.Rejected(Rejection.UNKNOWN_NUMBER, null, null,
					"Phone number " + work.phoneNumberId() + " is no longer an active registered number"), Expect.CALL);
			return;
		}
		CompletableFuture<SentMessage> call;
		try {
			String token = registry.accessToken(number.get());
			ObjectNode body = requests.body(work.send());
			call = graph.sendMessage(work.phoneNumberId(), body, token);
		}
		catch (RuntimeException beforeTheCall) {
			// nothing left the process: a token that does not decrypt, content that no longer parses
			log.error("{} could not be sent: {}", work.commandId(), beforeTheCall.getClass().getSimpleName());
			settlements.settle(work, attempt, new Verdict.Failed(null, beforeTheCall.getClass().getSimpleName(),
					beforeTheCall.getMessage(), "NOT_SENDABLE"), Expect.CALL);
			return;
		}
		call.handle(verdicts::of)
				.thenCompose(verdict -> hooks.afterCall(work.commandId()).thenApply(ignored -> verdict))
				.whenComplete((verdict, failure) -> {
					if (failure != null) {
						log.error("Handling the answer for {} failed: left in doubt for recovery", work.commandId(),
								failure);
						inFlight.release(work.commandId());
					}
					else {
						settlements.settle(work, attempt, verdict, Expect.CALL);
					}
				});
	}
}
