package io.wabaflow.onboarding.api;

import org.jdbi.v3.core.Jdbi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.wabaflow.platform.db.TenantReads;

/** The status API reads as the reader role of migration V2, behind row-level security (platform's TenantReads). */
@Configuration(proxyBeanMethods = false)
class TenantReadsConfiguration {

	/** Created and granted to the worker's user by db/onboarding/V2__tenancy.sql. */
	static final String READER_ROLE = "wabaflow_onboarding_reader";

	@Bean
	TenantReads onboardingTenantReads(Jdbi jdbi) {
		return new TenantReads(jdbi, READER_ROLE);
	}
}
