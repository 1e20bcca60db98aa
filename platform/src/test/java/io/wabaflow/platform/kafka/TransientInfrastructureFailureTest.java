package io.wabaflow.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

class TransientInfrastructureFailureTest {

	@Test
	void aLostOrRefusedConnectionAnywhereInTheCauseChainIsTransient() {
		assertThat(TransientInfrastructureFailure.isCause(new IllegalStateException("Jdbi",
				new SQLException("Connection to 127.0.0.1:5432 refused", "08001")))).isTrue();
		assertThat(TransientInfrastructureFailure.isCause(new RuntimeException(new RuntimeException(
				new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))))).isTrue();
		assertThat(TransientInfrastructureFailure.isCause(
				new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
		assertThat(TransientInfrastructureFailure.isCause(
				new SQLException("the database system is starting up", "57P03"))).isTrue();
	}

	@Test
	void aFailureOfTheRecordItselfIsNot() {
		assertThat(TransientInfrastructureFailure.isCause(
				new SQLException("duplicate key value violates unique constraint", "23505"))).isFalse();
		assertThat(TransientInfrastructureFailure.isCause(new IllegalStateException("still broken"))).isFalse();
		assertThat(TransientInfrastructureFailure.isCause(new PoisonRecordException("not JSON"))).isFalse();
	}
}
