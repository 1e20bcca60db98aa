package io.wabaflow.onboarding.strategy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import io.wabaflow.metagraph.client.GraphModel.DebugToken;
import io.wabaflow.metagraph.client.GraphModel.Page;
import io.wabaflow.metagraph.client.GraphModel.Waba;
import io.wabaflow.onboarding.flow.Failures;
import io.wabaflow.onboarding.flow.Flow;
import io.wabaflow.onboarding.flow.FlowState;
import io.wabaflow.onboarding.flow.LogEntry;
import io.wabaflow.onboarding.flow.Step;
import io.wabaflow.onboarding.flow.Tokens;
import io.wabaflow.onboarding.flow.Transition;
import io.wabaflow.onboarding.graph.GraphCalls;
import io.wabaflow.schemas.onboarding.OnboardingEventType;

/**
 * Seed 001's strategy 1, discovery of an existing WABA, source after source until one answers (each logged):
 * <ol>
 * <li>{@code candidate}: a WABA an earlier creation strategy of this flow returned, still unseen;</li>
 * <li>{@code session_hint}: the WABA the Embedded Signup session named;</li>
 * <li>{@code owned_wabas}, {@code client_wabas}: the WABAs of the client's business (the session's, else the one
 * debug_token names);</li>
 * <li>{@code debug_token}: the WABAs the token's granular scopes were granted on;</li>
 * <li>{@code user_pages}: the WABAs of the businesses owning the user's pages.</li>
 * </ol>
 * A source that Meta refuses (a missing edge, no Advanced Access: 100, 200, ...) is logged and skipped; a rejected
 * token or a blocked account ends the flow; a transient error retries the whole discovery (only reads) with
 * back-off. Nothing found: the creation strategies run.
 *
 * <p>When a source sees several WABAs, one is taken only by a rule: the session's WABA hint (its own source, first),
 * else the WABA holding the phone number the session named; otherwise the flow ends {@code AMBIGUOUS_WABA} (409),
 * naming the WABAs so that the caller starts again with {@code waba_id}. Never the first of a list by chance.
 */
@Component
public class WabaDiscovery implements Step {

	static final String STEP = FlowState.DISCOVERING_WABA.step();

	private final GraphCalls graph;

	private final Tokens tokens;

	private final Failures failures;

	private final Clock clock;

	WabaDiscovery(GraphCalls graph, Tokens tokens, Failures failures, Clock clock) {
		this.graph = graph;
		this.tokens = tokens;
		this.failures = failures;
		this.clock = clock;
	}

	/** The flow's failure reason when several WABAs are visible and nothing says which one. */
	static final String AMBIGUOUS_WABA = "AMBIGUOUS_WABA";

	/** A WABA found; {@code ambiguous}: instead, the several a source saw when no rule chose one. */
	private record Found(String wabaId, String strategy, Map<String, Object> details, List<String> ambiguous) {

		Found(String wabaId, String strategy, Map<String, Object> details) {
			this(wabaId, strategy, details, null);
		}
	}

	@Override
	public CompletableFuture<Transition> run(Flow flow) {
		Search search = new Search(flow, tokens.token(flow));
		List<Supplier<CompletableFuture<Optional<Found>>>> sources = List.of(search::candidate, search::sessionHint,
				search::ownedWabas, search::clientWabas, search::debugTokenScopes, search::userPages);
		return firstFound(sources, 0).handle((found, failure) -> {
			Instant now = clock.instant();
			if (failure != null) {
				return failures.handle(flow, STEP, search.current, failure, now, Map.of(), null).after(search.entries);
			}
			if (found.isPresent() && found.get().ambiguous() != null) {
				Found ambiguous = found.get();
				return failures.fail(flow, STEP, ambiguous.strategy(), AMBIGUOUS_WABA, 409, null,
						"several WABAs: " + String.join(", ", ambiguous.ambiguous()), now, ambiguous.details(),
						"The customer's token sees several WABAs (" + String.join(", ", ambiguous.ambiguous())
								+ ") and the session named none of them, nor a phone number of one: start the onboarding "
								+ "again with waba_id (or phone_number_id) naming the one to connect.")
						.after(search.entries);
			}
			if (found.isPresent()) {
				Found waba = found.get();
				List<LogEntry> entries = new ArrayList<>(search.entries);
				LogEntry resolved = entries.remove(entries.size() - 1).as(OnboardingEventType.WABA_RESOLVED);
				Flow next = ResolvedWaba.resolve(flow, waba.wabaId(), waba.strategy(), STEP)
						.businessId(search.businessId).build();
				return Transition.to(next, Duration.ZERO, resolved).after(entries);
			}
			Flow next = flow.toBuilder().businessId(search.businessId).state(FlowState.CREATING_WABA).strategyIndex(0)
					.build();
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("business_id", search.businessId);
			return Transition.to(next, Duration.ZERO, LogEntry.failed(STEP, null, null,
					"No existing WABA found: trying the creation strategies 2A-2E", details)).after(search.entries);
		});
	}

	private static CompletableFuture<Optional<Found>> firstFound(List<Supplier<CompletableFuture<Optional<Found>>>> sources,
			int index) {
		if (index >= sources.size()) {
			return CompletableFuture.completedFuture(Optional.empty());
		}
		return sources.get(index).get()
				.thenCompose(found -> found.isPresent() ? CompletableFuture.completedFuture(found)
						: firstFound(sources, index + 1));
	}

	/** One discovery run: what it learned so far and its log rows. Used by one chain of futures at a time. */
	private final class Search {

		private final Flow flow;

		private final String token;

		private final List<LogEntry> entries = new ArrayList<>();

		private final Set<String> businessesTried = new LinkedHashSet<>();

		private String businessId;

		private String current;

		private CompletableFuture<Optional<DebugToken>> debug;

		Search(Flow flow, String token) {
			this.flow = flow;
			this.token = token;
			this.businessId = flow.hints().businessId() != null ? flow.hints().businessId() : flow.businessId();
		}

		CompletableFuture<Optional<Found>> candidate() {
			if (flow.wabaId() == null) {
				return none();
			}
			String strategy = flow.pollingStrategy() == null ? "candidate" : flow.pollingStrategy();
			return source(strategy, () -> graph.call(client -> client.waba(flow.wabaId(), token))
					.thenApply(waba -> waba.map(w -> found(w.id(), strategy, "created by " + strategy))));
		}

		CompletableFuture<Optional<Found>> sessionHint() {
			String hint = flow.hints().wabaId();
			if (hint == null) {
				return none();
			}
			return source("session_hint", () -> graph.call(client -> client.waba(hint, token))
					.thenApply(waba -> waba.map(w -> found(w.id(), "session_hint", "named by the signup session"))));
		}

		CompletableFuture<Optional<Found>> ownedWabas() {
			return business().thenCompose(business -> business == null ? none()
					: source("owned_wabas", () -> graph.call(client -> client.ownedWabas(business, token))
							.thenCompose(wabas -> choose(ids(wabas), "owned_wabas", business))));
		}

		CompletableFuture<Optional<Found>> clientWabas() {
			return business().thenCompose(business -> business == null ? none()
					: source("client_wabas", () -> graph.call(client -> client.clientWabas(business, token))
							.thenCompose(wabas -> choose(ids(wabas), "client_wabas", business))));
		}

		CompletableFuture<Optional<Found>> debugTokenScopes() {
			return debug().thenCompose(debugToken -> debugToken.isEmpty() ? none()
					: source("debug_token", () -> choose(List.copyOf(debugToken.get().sharedWabaIds()), "debug_token",
							null)));
		}

		CompletableFuture<Optional<Found>> userPages() {
			return source("user_pages", () -> graph.call(client -> client.userPages(token)).thenCompose(pages -> {
				List<String> businesses = pages.stream().map(Page::businessId).filter(id -> id != null)
						.filter(id -> !businessesTried.contains(id)).distinct().toList();
				return pageBusinesses(businesses, 0);
			}));
		}

		private CompletableFuture<Optional<Found>> pageBusinesses(List<String> businesses, int index) {
			if (index >= businesses.size()) {
				return CompletableFuture.completedFuture(Optional.empty());
			}
			String business = businesses.get(index);
			businessesTried.add(business);
			return graph.call(client -> client.ownedWabas(business, token))
					.thenCompose(wabas -> choose(ids(wabas), "user_pages", business))
					.thenCompose(found -> {
						if (found.isEmpty()) {
							return pageBusinesses(businesses, index + 1);
						}
						if (businessId == null) {
							businessId = business; // the flow's business is the page's, which owns the WABA
						}
						return CompletableFuture.completedFuture(found);
					});
		}

		/** The client's business: the session's, the flow's, else the one debug_token names (business_management). */
		private CompletableFuture<String> business() {
			if (businessId != null) {
				businessesTried.add(businessId);
				return CompletableFuture.completedFuture(businessId);
			}
			return debug().thenApply(debugToken -> {
				businessId = debugToken.flatMap(d -> d.businessIds().stream().findFirst()).orElse(null);
				if (businessId != null) {
					businessesTried.add(businessId);
				}
				return businessId;
			});
		}

		/** debug_token, asked once per run; a refusal is logged and the sources that need it are skipped. */
		private CompletableFuture<Optional<DebugToken>> debug() {
			if (debug == null) {
				debug = graph.call(client -> client.debugToken(token)).handle((answer, failure) -> {
					if (failure == null) {
						return Optional.of(answer);
					}
					return this.<DebugToken>tolerate("debug_token", failure);
				});
			}
			return debug;
		}

		/** A source: its outcome is logged; a refusal by Meta skips it, anything worse ends the discovery. */
		private CompletableFuture<Optional<Found>> source(String strategy, Supplier<CompletableFuture<Optional<Found>>> lookup) {
			current = strategy;
			CompletableFuture<Optional<Found>> started;
			try {
				started = lookup.get();
			}
			catch (RuntimeException e) {
				started = CompletableFuture.failedFuture(e);
			}
			return started.handle((found, failure) -> {
				if (failure == null) {
					// several WABAs and no rule: the flow's failure row tells it (not a success row of this source)
					if (found.isEmpty() || found.get().ambiguous() == null) {
						entries.add(found.map(f -> LogEntry.ok(STEP, strategy, f.details()))
								.orElseGet(() -> LogEntry.failed(STEP, strategy, null, "no WABA", Map.of())));
					}
					return found;
				}
				return tolerate(strategy, failure);
			});
		}

		private <T> Optional<T> tolerate(String strategy, Throwable failure) {
			Failures.Kind kind = Failures.kind(failure);
			if (kind == Failures.Kind.PERMANENT || kind == Failures.Kind.PERMISSION) {
				entries.add(LogEntry.failed(STEP, strategy, Failures.code(failure), Failures.describe(failure),
						Map.of("skipped", true)));
				return Optional.empty();
			}
			current = strategy;
			throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
		}

		/**
		 * The WABA of a source: its only one; of several, the one holding the session's phone number (looked up in each
		 * WABA's numbers), else an ambiguous result naming them all.
		 */
		private CompletableFuture<Optional<Found>> choose(List<String> wabaIds, String strategy, String business) {
			if (wabaIds.isEmpty()) {
				return none();
			}
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("business_id", business);
			details.put("wabas_found", wabaIds.size());
			if (wabaIds.size() == 1) {
				details.put("waba_id", wabaIds.get(0));
				return CompletableFuture.completedFuture(Optional.of(new Found(wabaIds.get(0), strategy, details)));
			}
			String phone = flow.hints().phoneNumberId();
			if (phone == null) {
				details.put("wabas", wabaIds);
				return CompletableFuture.completedFuture(Optional.of(new Found(null, strategy, details, wabaIds)));
			}
			return holding(wabaIds, 0, phone).thenApply(holder -> {
				if (holder == null) {
					details.put("wabas", wabaIds);
					details.put("phone_number_id", phone);
					return Optional.of(new Found(null, strategy, details, wabaIds));
				}
				details.put("waba_id", holder);
				details.put("chosen_by", "holds the session's phone number " + phone);
				return Optional.of(new Found(holder, strategy, details));
			});
		}

		/** The first of the WABAs whose numbers include {@code phone}, or null. */
		private CompletableFuture<String> holding(List<String> wabaIds, int index, String phone) {
			if (index >= wabaIds.size()) {
				return CompletableFuture.completedFuture(null);
			}
			return graph.call(client -> client.phoneNumbers(wabaIds.get(index), token))
					.thenCompose(numbers -> numbers.stream().anyMatch(n -> phone.equals(n.id()))
							? CompletableFuture.completedFuture(wabaIds.get(index)) : holding(wabaIds, index + 1, phone));
		}

		private static List<String> ids(List<Waba> wabas) {
			return wabas.stream().map(Waba::id).distinct().toList();
		}

		private Found found(String wabaId, String strategy, String how) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("waba_id", wabaId);
			details.put("how", how);
			return new Found(wabaId, strategy, details);
		}

		private CompletableFuture<Optional<Found>> none() {
			return CompletableFuture.completedFuture(Optional.empty());
		}
	}
}
