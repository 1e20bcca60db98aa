package io.wabaflow.systemtests;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link SystemStack} for every test class of the module: started by the first test that asks for it,
 * closed (every process killed) when the whole run ends, failed or not. After each test it is healed, so a
 * fault run that failed half-way leaves no broker, database or service down for the next.
 */
final class SharedStack implements ParameterResolver, AfterEachCallback {

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == SystemStack.class;
	}

	@Override
	public SystemStack resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return stack(context);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		stack(context).heal();
	}

	private static SystemStack stack(ExtensionContext context) {
		// the root context's store closes what it holds when the test run ends
		return context.getRoot().getStore(ExtensionContext.Namespace.create(SharedStack.class))
				.getOrComputeIfAbsent(SystemStack.class, key -> {
					SystemStack stack = SystemStack.start();
					stack.killProcessesOnExit();
					return stack;
				}, SystemStack.class);
	}
}
