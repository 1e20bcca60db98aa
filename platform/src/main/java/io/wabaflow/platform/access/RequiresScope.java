package io.wabaflow.platform.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope a handler of a protected path needs (on the method, or on the controller for all of its
 * methods). A protected handler without it is refused: access is declared, never assumed.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiresScope {

	Scope value();
}
