package com.flash.backoffice.portal.card.ui;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import java.util.Optional;
import java.util.function.Function;

/** A page that stands for a card's part (a top-up, a tap): it forwards to the card's page, or says it knows none. */
abstract class ForwardToCard extends VerticalLayout implements BeforeEnterObserver {

    private final Function<String, Optional<String>> cardOf;
    private final String part;

    ForwardToCard(Function<String, Optional<String>> cardOf, String part) {
        this.cardOf = cardOf;
        this.part = part;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String id = event.getRouteParameters().get("id").orElse("");
        Optional<String> card = cardOf.apply(id);
        if (card.isPresent()) {
            event.forwardTo("cards/" + card.get());
            return;
        }
        removeAll();
        Paragraph unknown = new Paragraph("No card " + part + " " + id);
        unknown.setId("card-part-unknown");
        add(unknown);
    }
}
