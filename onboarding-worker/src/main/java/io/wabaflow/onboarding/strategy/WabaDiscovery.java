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

	private record Found(String wabaId, String strategy, Map<String, Object> details) {
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
							.thenApply(wabas -> first(wabas, "owned_wabas", business))));
		}

		CompletableFuture<Optional<Found>> clientWabas() {
			return business().thenCompose(business -> business == null ? none()
					: source("client_wabas", () -> graph.call(client -> client.clientWabas(business, token))
							.thenApply(wabas -> first(wabas, "client_wabas", business))));
		}

		CompletableFuture<Optional<Found>> debugTokenScopes() {
			return debug().thenCompose(debugToken -> debugToken.isEmpty() ? none()
					: source("debug_token", () -> CompletableFuture.completedFuture(
							debugToken.get().sharedWabaIds().stream().findFirst()
									.map(id -> found(id, "debug_token", "granted in the token's granular scopes")))));
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
			return graph.call(client -> client.ownedWabas(business, token)).thenCompose(wabas -> {
				Optional<Found> found = first(wabas, "user_pages", business);
				return found.isPresent() ? CompletableFuture.completedFuture(found) : pageBusinesses(businesses, index + 1);
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
					entries.add(found.map(f -> LogEntry.ok(STEP, strategy, f.details()))
							.orElseGet(() -> LogEntry.failed(STEP, strategy, null, "no WABA", Map.of())));
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

		private Optional<Found> first(List<Waba> wabas, String strategy, String business) {
			return wabas.stream().findFirst().map(waba -> {
				Map<String, Object> details = new LinkedHashMap<>();
				details.put("waba_id", waba.id());
				details.put("business_id", business);
				details.put("wabas_found", wabas.size());
				return new Found(waba.id(), strategy, details);
			});
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
