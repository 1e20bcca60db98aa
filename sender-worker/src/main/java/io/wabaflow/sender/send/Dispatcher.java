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
import io.wabaflow.sender.throughput.Lanes;
import io.wabaflow.sender.throughput.PairGate;
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

	private final Lanes lanes;

	private final PairGate pairs;

	Dispatcher(SendStore store, NumberRegistry registry, GraphClient graph, GraphRequests requests, Verdicts verdicts,
			SendHooks hooks, Settlements settlements, InFlight inFlight, Lanes lanes, PairGate pairs, Clock clock,
			String owner, Executor database, int maxBatch) {
		this.lanes = lanes;
		this.pairs = pairs;
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
			long wait = pairWait(work);
			if (wait > 0) {
				// a scheduled callback, never a sleeping thread; the send keeps its place among the number's in flight
				lanes.later(wait, () -> dispatch(List.of(work)));
				continue;
			}
			claims.submit(work).whenComplete((claimed, failure) -> {
				if (failure != null) {
					log.warn("Claiming {} failed: recovery picks it up again", work.commandId());
					lanes.done(work.phoneNumberId());
					inFlight.release(work.commandId());
				}
				else if (!claimed) {
					log.debug("{} was not claimable (settled, or claimed elsewhere)", work.commandId());
					lanes.done(work.phoneNumberId());
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

	/** Calls at the number's next departure slot; the intent is already on record. */
	private void call(Work work) {
		int attempt = work.expectedAttempt() + 1;
		Optional<RegisteredNumber> number = registry.find(work.phoneNumberId())
				.filter(n -> n.ownedBy(work.send().tenantId())).filter(RegisteredNumber::active);
		if (number.isEmpty()) {
			lanes.done(work.phoneNumberId());
			// the number left the registry (or its tenant) since the command was accepted: no call was made,
			// and never one with a token another tenant's onboarding registered
			settlements.settle(work, attempt, new Verdict.Rejected(Rejection.UNKNOWN_NUMBER, null, null,
					"Phone number " + work.phoneNumberId() + " is no longer an active registered number"), Expect.CALL);
			return;
		}
		String token;
		ObjectNode body;
		try {
			token = registry.accessToken(number.get());
			body = requests.body(work.send());
		}
		catch (RuntimeException beforeTheCall) {
			// nothing left the process: a token that does not decrypt, content that no longer parses
			lanes.done(work.phoneNumberId());
			log.error("{} could not be sent: {}", work.commandId(), beforeTheCall.getClass().getSimpleName());
			settlements.settle(work, attempt, new Verdict.Failed(null, beforeTheCall.getClass().getSimpleName(),
					beforeTheCall.getMessage(), "NOT_SENDABLE"), Expect.CALL);
			return;
		}
		depart(work, attempt, body, token);
	}

	/**
	 * The wait for the user's pair quota (Meta's 1 message per 6 s to one user, bursts borrowed; facts 4.5), so that a
	 * burst to one user is spread out rather than refused with 131056; 0 when the send may go on (it is counted). It is
	 * asked before the claim: a send waiting for its user is still PENDING, never a call in doubt. A mark-as-read is not
	 * a message to the user.
	 */
	private long pairWait(Work work) {
		return "MARK_READ".equals(work.send().messageType()) ? 0
				: pairs.tryTake(work.phoneNumberId(), Recipients.key(work.send().recipient()));
	}

	/** Leaves when the number's hard cap allows (asking again when told to wait), then calls. */
	private CompletableFuture<?> depart(Work work, int attempt, ObjectNode body, String token) {
		long wait = lanes.tryDepart(work.phoneNumberId());
		if (wait <= 0) {
			return call(work, attempt, body, token);
		}
		CompletableFuture<Object> done = new CompletableFuture<>();
		lanes.later(wait, () -> depart(work, attempt, body, token).whenComplete((ok, failure) -> done.complete(null)));
		return done;
	}

	/** The call; the future completes when its answer has been handed on to be recorded. */
	private CompletableFuture<?> call(Work work, int attempt, ObjectNode body, String token) {
		CompletableFuture<SentMessage> call;
		try {
			hooks.beforeCall(work.commandId(), work.phoneNumberId());
			call = graph.sendMessage(work.phoneNumberId(), body, token);
		}
		catch (RuntimeException e) {
			call = CompletableFuture.failedFuture(e);
		}
		CompletableFuture<Verdict> answered = call.handle(verdicts::of);
		answered.whenComplete((verdict, failure) -> lanes.done(work.phoneNumberId()));
		answered.thenCompose(verdict -> hooks.afterCall(work.commandId()).thenApply(ignored -> verdict))
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
		return answered;
	}
}
