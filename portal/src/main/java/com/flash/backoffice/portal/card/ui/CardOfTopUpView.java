package com.flash.backoffice.portal.card.ui;

import com.flash.backoffice.portal.card.CardService;
import com.flash.backoffice.portal.security.StaffRoles;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** {@code cards/top-ups/<id>}: the page of a top-up's workflow (the approvals inbox's "Open") is its card's page. */
@Route("cards/top-ups/:id")
@PageTitle("Flash card · Flash")
@RolesAllowed({StaffRoles.SUPPORT, StaffRoles.FINANCE, StaffRoles.ACCOUNTANT, StaffRoles.ADMIN})
class CardOfTopUpView extends ForwardToCard {

    CardOfTopUpView(CardService cards) {
        super(id -> cards.cardOfTopUp(id), "top-up");
    }
}
