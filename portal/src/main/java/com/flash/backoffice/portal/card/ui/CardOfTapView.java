package com.flash.backoffice.portal.card.ui;

import com.flash.backoffice.portal.card.CardService;
import com.flash.backoffice.portal.security.StaffRoles;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.Optional;

/** {@code cards/taps/<id>}: the page of a tap's payment workflow (the workflows view's "Open") is its card's page. */
@Route("cards/taps/:id")
@PageTitle("Flash card · Flash")
@RolesAllowed({StaffRoles.SUPPORT, StaffRoles.FINANCE, StaffRoles.ACCOUNTANT, StaffRoles.ADMIN})
class CardOfTapView extends ForwardToCard {

    CardOfTapView(CardService cards) {
        super(id -> id.matches("[0-9]{1,18}") ? cards.cardOfTap(Long.parseLong(id)) : Optional.empty(), "tap");
    }
}
