package io.wabaflow.sync;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wabaflow.sync.*}.
 *
 * @param concurrency          consumers per generation; the source topics are co-partitioned by
 *                             phone_number_id, so each consumer owns its numbers' rows
 * @param supervisorIntervalMs how often generations are reconciled (containers started or stopped, a
 *                             build checked for catch-up)
 * @param groupPrefix          consumer group of generation N is {@code <prefix>-g<N>-<random>}
 */
@ConfigurationProperties("wabaflow.sync")
public record SyncProperties(int concurrency, long supervisorIntervalMs, String groupPrefix) {

	public SyncProperties {
		concurrency = concurrency <= 0 ? 2 : concurrency;
		supervisorIntervalMs = supervisorIntervalMs <= 0 ? 500 : supervisorIntervalMs;
		groupPrefix = groupPrefix == null || groupPrefix.isBlank() ? io.wabaflow.schemas.ConsumerGroups.SYNC : groupPrefix;
	}
}
