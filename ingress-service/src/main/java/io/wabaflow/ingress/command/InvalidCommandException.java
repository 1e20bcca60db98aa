package io.wabaflow.ingress.command;

import java.util.List;

/** A command request that breaks its schema's rules; answered 400 with every violation. */
final class InvalidCommandException extends RuntimeException {

	private final List<FieldViolation> violations;

	InvalidCommandException(List<FieldViolation> violations) {
		super(violations.size() + " invalid field(s)", null, false, false);
		this.violations = List.copyOf(violations);
	}

	List<FieldViolation> violations() {
		return violations;
	}
}
