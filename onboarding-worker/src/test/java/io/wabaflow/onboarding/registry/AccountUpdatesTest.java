package io.wabaflow.onboarding.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.wabaflow.metagraph.webhook.AccountUpdate;
import io.wabaflow.schemas.registry.NumberStatus;

class AccountUpdatesTest {

	@Test
	void eventsThatDisconnectOffboardOrReconnect() {
		assertThat(AccountUpdates.statusFor(event("PARTNER_REMOVED"))).contains(NumberStatus.DISCONNECTED);
		assertThat(AccountUpdates.statusFor(event("PARTNER_APP_UNINSTALLED"))).contains(NumberStatus.DISCONNECTED);
		assertThat(AccountUpdates.statusFor(event("ACCOUNT_OFFBOARDED"))).contains(NumberStatus.OFFBOARDED);
		assertThat(AccountUpdates.statusFor(event("ACCOUNT_DELETED"))).contains(NumberStatus.OFFBOARDED);
		assertThat(AccountUpdates.statusFor(event("ACCOUNT_RECONNECTED"))).contains(NumberStatus.ACTIVE);
	}

	@Test
	void bansFollowTheirState() {
		assertThat(AccountUpdates.statusFor(ban("DISABLE"))).contains(NumberStatus.DISCONNECTED);
		assertThat(AccountUpdates.statusFor(ban("REINSTATE"))).contains(NumberStatus.ACTIVE);
		assertThat(AccountUpdates.statusFor(ban("SCHEDULE_FOR_DISABLE"))).isEmpty();
	}

	@Test
	void otherEventsLeaveTheRegistryAlone() {
		assertThat(AccountUpdates.statusFor(event("PARTNER_ADDED"))).isEmpty();
		assertThat(AccountUpdates.statusFor(event("VOLUME_BASED_PRICING_TIER_UPDATE"))).isEmpty();
		assertThat(AccountUpdates.statusFor(event(null))).isEqualTo(Optional.empty());
	}

	private static AccountUpdate event(String name) {
		return new AccountUpdate(name, null, null, null, null, null, "{}");
	}

	private static AccountUpdate ban(String state) {
		return new AccountUpdate("DISABLED_UPDATE", null, null, null, new AccountUpdate.BanInfo(state, "2026-11-22"),
				null, "{}");
	}
}
