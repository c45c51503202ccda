package com.flash.backoffice.portal.card.activation.ui;

import com.flash.backoffice.portal.card.CardCommandOutcome;
import com.flash.backoffice.portal.card.activation.CardActivations;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** The holder's activation page: no login, made for a phone; the code is the one printed on the card's carrier. */
@Route(value = "cards/activate", autoLayout = false)
@PageTitle("Activate your Flash card · Flash")
@AnonymousAllowed
class CardActivationView extends VerticalLayout {

    final TextField code = new TextField("Activation code");
    final PasswordField pin = new PasswordField("PIN (4 to 6 digits)");
    final Paragraph result = new Paragraph();

    CardActivationView(CardActivations activations) {
        setMaxWidth("480px");
        getStyle().set("margin", "0 auto");
        code.setId("activation-code");
        code.setPlaceholder("XXXX-XXXX-XXXX");
        code.setWidthFull();
        pin.setId("activation-pin");
        pin.setWidthFull();
        pin.setHelperText("Needed if your card asks for a PIN on larger payments; keep it to yourself");
        pin.setAllowedCharPattern("[0-9]");
        pin.setMaxLength(6);
        result.setId("activation-result");
        Button activate = new Button("Activate my card", click -> {
            VaadinRequest request = VaadinRequest.getCurrent();
            CardCommandOutcome outcome = activations.activate(
                    request == null ? "unknown" : request.getRemoteAddr(), code.getValue(), pin.getValue());
            code.setInvalid(false);
            pin.setInvalid(false);
            if (outcome.done()) {
                result.setText("Your card is active. Tap it to pay.");
                click.getSource().setEnabled(false);
            } else if ("pin".equals(outcome.field())) {
                pin.setErrorMessage(outcome.message());
                pin.setInvalid(true);
                result.setText("");
            } else {
                code.setErrorMessage(outcome.message());
                code.setInvalid(true);
                result.setText("");
            }
        });
        activate.setId("activation-submit");
        activate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        activate.setWidthFull();
        add(
                new H2("Activate your Flash card"),
                new Paragraph("Enter the code printed on the card's carrier and choose a PIN."),
                code,
                pin,
                activate,
                result);
    }
}
