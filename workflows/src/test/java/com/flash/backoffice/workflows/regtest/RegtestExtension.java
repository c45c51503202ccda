package com.flash.backoffice.workflows.regtest;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one regtest network (btcd + a customer and a merchant LND with an open channel) per JVM, the first
 * time a test class that uses this extension runs, and stops it when the JVM exits (shutdown hook). Test
 * methods, constructors and lifecycle methods receive it as a {@link RegtestNetwork} parameter; other code can
 * call {@link RegtestNetwork#shared()}.
 *
 * <pre>{@code
 * @ExtendWith(RegtestExtension.class)
 * class PaymentIT {
 *     @Test
 *     void pays(RegtestNetwork net) { ... }
 * }
 * }</pre>
 */
public final class RegtestExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        RegtestNetwork.shared();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == RegtestNetwork.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return RegtestNetwork.shared();
    }
}
