package io.wabaflow.onboarding.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.onboarding.OnboardingProperties;
import io.wabaflow.onboarding.flow.Flow;
import io.wabaflow.onboarding.flow.FlowRepository;
import io.wabaflow.onboarding.flow.FlowState;
import io.wabaflow.onboarding.flow.IntegrationLog;
import io.wabaflow.onboarding.registry.PhoneNumberRegistry;
import io.wabaflow.onboarding.registry.PhoneNumberRegistry.PhoneNumber;
import io.wabaflow.onboarding.strategy.CreationStrategy;
import io.wabaflow.platform.access.NotOwnedException;
import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.access.RequiresScope;
import io.wabaflow.platform.access.Scope;
import io.wabaflow.platform.db.TenantReads;
import io.wabaflow.schemas.registry.NumberStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's integration status (seed 001's {@code whatsapp_integration_status} view) and its integration log.
 * Scope {@code read}; a tenant's key reads its own tenant only: another tenant's path is answered 404 with the text
 * of a tenant without any onboarding, so a key learns nothing about other tenants. Operator keys read every
 * tenant. The reads run behind row-level security ({@link TenantReads}).
 */
@RestController
class OnboardingStatusController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final FlowRepository flows;

	private final IntegrationLog log;

	private final PhoneNumberRegistry registry;

	private final TenantReads reads;

	private final OnboardingProperties properties;

	OnboardingStatusController(FlowRepository flows, IntegrationLog log, PhoneNumberRegistry registry,
			TenantReads reads, OnboardingProperties properties) {
		this.flows = flows;
		this.log = log;
		this.registry = registry;
		this.reads = reads;
		this.properties = properties;
	}

	record Phone(String phoneNumberId, String displayPhoneNumber, String numberType) {
	}

	/**
	 * @param polls            visibility polls made by this flow (all rounds)
	 * @param creationAttempts creation strategy attempts (2A-2E, all rounds and retries)
	 * @param strategiesTried  the creation strategies tried, in order
	 * @param creationRounds   rounds that ended awaiting WABA creation
	 * @param stepRetries      failed attempts of the current step (back-off)
	 * @param nextStrategy     while creating: the strategy that runs next
	 */
	record Attempts(int polls, int maxPolls, int creationAttempts, List<String> strategiesTried, int creationRounds,
			int stepRetries, String nextStrategy) {
	}

	record LastError(Integer code, String message, Instant at) {
	}

	record NumberView(String phoneNumberId, String wabaId, String displayPhoneNumber, String numberType, String status,
			String statusReason, Instant onboardedAt, Instant statusChangedAt) {
	}

	record PreviousFlow(String onboardingId, String state, String failureReason, Instant startedAt, Instant endedAt) {
	}

	record Status(String tenantId, String onboardingId, String state, String connectionStatus, String wabaId,
			String businessId, Phone phone, String strategyUsed, Attempts attempts, String lastSuccessfulStep,
			LastError lastError, String failureReason, Instant startedAt, Instant updatedAt, Instant nextStepAt,
			Instant completedAt, List<NumberView> numbers, List<PreviousFlow> previousFlows) {
	}

	record LogRow(long id, String onboardingId, String step, String strategy, boolean success, Integer errorCode,
			String errorMessage, JsonNode details, Instant createdAt) {
	}

	record LogPage(String tenantId, List<LogRow> items, Long nextAfter) {
	}

	@GetMapping("/api/v1/tenants/{tenantId}/onboarding")
	@RequiresScope(Scope.READ)
	Status status(Principal caller, @PathVariable String tenantId) {
		NotOwnedException.check(caller, tenantId, noOnboarding(tenantId));
		return reads.read(caller, handle -> {
			List<Flow> tenantFlows = flows.ofTenant(handle, tenantId, 20);
			if (tenantFlows.isEmpty()) {
				// the very answer another tenant's path gets (NotOwnedAdvice): the two cannot be told apart
				throw new NotOwnedException(noOnboarding(tenantId));
			}
			return status(tenantId, tenantFlows, registry.ofTenant(handle, tenantId),
					log.tried(handle, tenantFlows.get(0).onboardingId()));
		});
	}

	private Status status(String tenantId, List<Flow> tenantFlows, List<PhoneNumber> numbers,
			IntegrationLog.Tried tried) {
		Flow flow = tenantFlows.get(0);
		Optional<PhoneNumber> number = numbers.stream().filter(n -> n.phoneNumberId().equals(flow.phoneNumberId()))
				.findFirst();
		Attempts attempts = new Attempts(tried.polls(), properties.polling().maxAttempts(), tried.creationAttempts(),
				tried.strategies(), flow.creationRounds(), flow.stepAttempt(),
				flow.state() == FlowState.CREATING_WABA ? CreationStrategy.IN_ORDER.get(flow.strategyIndex()).label() : null);
		return new Status(tenantId, flow.onboardingId(), flow.state().apiName(), connectionStatus(flow, number),
				flow.wabaId(), flow.businessId(),
				flow.phoneNumberId() == null ? null
						: new Phone(flow.phoneNumberId(), flow.displayPhoneNumber(), lower(flow.numberType())),
				flow.strategyUsed(), attempts, flow.lastSuccessfulStep(),
				flow.lastErrorCode() == null && flow.lastErrorMessage() == null ? null
						: new LastError(flow.lastErrorCode(), flow.lastErrorMessage(), flow.lastErrorAt()),
				flow.failureReason(), flow.createdAt(), flow.updatedAt(), flow.state().terminal() ? null : flow.dueAt(),
				flow.completedAt(),
				numbers.stream().map(n -> new NumberView(n.phoneNumberId(), n.wabaId(), n.displayPhoneNumber(),
						lower(n.numberType().name()), lower(n.status().name()), n.statusReason(), n.onboardedAt(),
						n.statusChangedAt())).toList(),
				tenantFlows.stream().skip(1).map(f -> new PreviousFlow(f.onboardingId(), f.state().apiName(),
						f.failureReason(), f.createdAt(), f.completedAt())).toList());
	}

	@GetMapping("/api/v1/tenants/{tenantId}/onboarding/log")
	@RequiresScope(Scope.READ)
	LogPage log(Principal caller, @PathVariable String tenantId,
			@RequestParam(name = "onboarding_id", required = false) String onboardingId,
			@RequestParam(name = "after", defaultValue = "0") long after,
			@RequestParam(name = "limit", defaultValue = "200") int limit) {
		NotOwnedException.check(caller, tenantId, noOnboarding(tenantId));
		if (limit < 1 || limit > 1000) {
			throw new BadRequest("limit must be between 1 and 1000");
		}
		List<LogRow> rows = reads.read(caller, handle -> log.ofTenant(handle, tenantId, onboardingId, after, limit))
				.stream()
				.map(row -> new LogRow(row.id(), row.onboardingId(), row.step(), row.strategy(), row.success(),
						row.errorCode(), row.errorMessage(), JSON.readTree(row.detailsJson()), row.createdAt()))
				.toList();
		return new LogPage(tenantId, rows, rows.size() == limit ? rows.get(rows.size() - 1).id() : null);
	}

	private static String noOnboarding(String tenantId) {
		return "No onboarding for tenant " + tenantId;
	}

	/** Seed 001's connection status, from the flow and, once completed, from the registry. */
	static String connectionStatus(Flow flow, Optional<PhoneNumber> number) {
		return switch (flow.state()) {
			case COMPLETED -> flow.phoneNumberId() == null ? "connected_without_number"
					: number.map(n -> n.status() == NumberStatus.ACTIVE ? "connected" : lower(n.status().name()))
							.orElse("connected");
			case FAILED -> "failed";
			case SUPERSEDED -> "superseded";
			case AWAITING_WABA_CREATION -> "awaiting_waba_creation";
			default -> "connecting";
		};
	}

	private static String lower(String value) {
		return value == null ? null : value.toLowerCase(java.util.Locale.ROOT);
	}

	static final class BadRequest extends RuntimeException {

		BadRequest(String message) {
			super(message);
		}
	}

	@ExceptionHandler(BadRequest.class)
	ResponseEntity<Map<String, String>> badRequest(BadRequest e) {
		return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
	}
}
