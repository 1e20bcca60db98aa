package io.wabaflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.wabaflow.platform.access.DevKeys;
import io.wabaflow.platform.access.Scope;

class ServiceEnvironmentTest {

	@Test
	void theSeedKeysOfTheEnvironmentAreTheDevelopmentKeys() {
		Map<String, String> seeds = ServiceEnvironment.DEV_KEY_SEEDS;
		assertThat(seeds).hasSize(4 * DevKeys.ALL.size());
		for (int i = 0; i < DevKeys.ALL.size(); i++) {
			DevKeys.SeedKey key = DevKeys.ALL.get(i);
			String prefix = "WABAFLOW_API_SEEDKEYS_" + i + "_";
			assertThat(seeds.get(prefix + "KEY")).isEqualTo(key.secret());
			assertThat(seeds.get(prefix + "TENANT")).isEqualTo(key.tenant() == null ? "" : key.tenant());
			Set<Scope> scopes = Set.of(seeds.get(prefix + "SCOPES").split(",")).stream().map(Scope::parse)
					.collect(Collectors.toSet());
			assertThat(scopes).isEqualTo(key.scopes());
			assertThat(seeds.get(prefix + "DESCRIPTION")).isEqualTo(key.description());
		}
	}
}
