package dev.sigil.fleet.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving a test class its own fresh PostgreSQL database: declare a {@link TestDatabase}
 * parameter on a constructor, {@code @BeforeAll}, {@code @BeforeEach} or test method. Micronaut tests that need the
 * URL before the context starts call {@link TestPostgres#databaseFor(Class)} from {@code getProperties()}; both
 * give the same database for the same class.
 */
public final class PostgresFixture implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return TestPostgres.databaseFor(context.getRequiredTestClass());
    }
}
