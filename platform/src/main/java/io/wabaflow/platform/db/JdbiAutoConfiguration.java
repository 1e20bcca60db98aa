package io.wabaflow.platform.db;

import javax.sql.DataSource;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Jdbi over the service's pooled data source. Through the transaction-aware proxy, Jdbi joins a Spring
 * transaction when one is open, so a listener can write rows and commit them together.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
public class JdbiAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Jdbi jdbi(DataSource dataSource) {
		return Jdbi.create(new TransactionAwareDataSourceProxy(dataSource))
				.installPlugin(new SqlObjectPlugin())
				.installPlugin(new PostgresPlugin());
	}
}
