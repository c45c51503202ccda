package com.flash.backoffice.portal.testsupport;

import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.mock.MockVaadinHelper;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.function.DeploymentConfiguration;
import com.vaadin.flow.server.ServiceException;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.VaadinServletService;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.spring.SpringServlet;
import com.vaadin.flow.spring.SpringVaadinServletService;
import jakarta.servlet.ServletException;
import java.util.function.Supplier;
import org.springframework.context.ApplicationContext;

/**
 * A Vaadin servlet for Karibu Testing that creates views through Spring (constructor injection) like the
 * real application does, without a servlet container or browser.
 */
final class MockSpringServlet extends SpringServlet {

    private final Routes routes;
    private final ApplicationContext context;

    MockSpringServlet(Routes routes, ApplicationContext context) {
        super(context, false);
        this.routes = routes;
        this.context = context;
    }

    @Override
    protected DeploymentConfiguration createDeploymentConfiguration() throws ServletException {
        MockVaadinHelper.mockFlowBuildInfo(this);
        return super.createDeploymentConfiguration();
    }

    @Override
    protected VaadinServletService createServletService(DeploymentConfiguration configuration) throws ServiceException {
        VaadinServletService service = new Service(this, configuration, context, UI::new);
        service.init();
        routes.register((VaadinServletContext) service.getContext());
        return service;
    }

    private static final class Service extends SpringVaadinServletService {

        private final Supplier<UI> uiFactory;

        Service(
                MockSpringServlet servlet,
                DeploymentConfiguration configuration,
                ApplicationContext context,
                Supplier<UI> uiFactory) {
            super(servlet, configuration, context);
            this.uiFactory = uiFactory;
        }

        @Override
        protected boolean isAtmosphereAvailable() {
            return false;
        }

        @Override
        public String getMainDivId(VaadinSession session, VaadinRequest request) {
            return "ROOT-1";
        }

        @Override
        protected VaadinSession createVaadinSession(VaadinRequest request) {
            return new com.github.mvysny.kaributesting.v10.mock.MockVaadinSession(this, uiFactory::get);
        }
    }
}
