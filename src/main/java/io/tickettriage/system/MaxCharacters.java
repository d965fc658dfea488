package io.tickettriage.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A text of at most {@code value} characters, counted as a reader counts them (Unicode code points): an emoji is one
 * character, where {@code @Size} counts it as two Java chars. The original API (pydantic's {@code max_length}) counted
 * the same way, so a client's title of 101 emoji is accepted by both. {@code null} is valid.
 */
@Documented
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = MaxCharacters.Validator.class)
public @interface MaxCharacters {

    int value();

    String message() default "must be at most {value} characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Counts code points; stops counting past the limit. */
    class Validator implements ConstraintValidator<MaxCharacters, CharSequence> {

        private int max;

        @Override
        public void initialize(MaxCharacters annotation) {
            max = annotation.value();
        }

        @Override
        public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
            return text == null || text.length() <= max
                    || (text.length() <= 2L * max && Character.codePointCount(text, 0, text.length()) <= max);
        }
    }
}
