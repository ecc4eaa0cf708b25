//! Open enumerations shared by several objects.

use crate::macros::open_enum;

open_enum! {
    /// How the payment is processed at checkout (`paymentIntent`).
    PaymentIntent {
        /// Create a Charge Permission only; charge later.
        Confirm = "Confirm",
        /// Authorize at checkout, capture later.
        Authorize = "Authorize",
        /// Authorize and capture at checkout.
        AuthorizeWithCapture = "AuthorizeWithCapture",
    }
}

open_enum! {
    /// The kind of Charge Permission (`chargePermissionType`).
    ChargePermissionType {
        /// A single order (the default).
        OneTime = "OneTime",
        /// A recurring agreement.
        Recurring = "Recurring",
        /// A saved wallet (payment method on file).
        PaymentMethodOnFile = "PaymentMethodOnFile",
    }
}

open_enum! {
    /// What the checkout collects (`productType`).
    ProductType {
        /// Payment and a shipping address.
        PayAndShip = "PayAndShip",
        /// Payment only (digital goods).
        PayOnly = "PayOnly",
        /// Amazon Sign-In.
        SignIn = "SignIn",
        /// Several shipping addresses (JP).
        PayAndShipMultiAddress = "PayAndShipMultiAddress",
    }
}

open_enum! {
    /// The checkout flow variant (`checkoutMode`).
    CheckoutMode {
        /// Additional Payment Button: the order is processed without a review page.
        ProcessOrder = "ProcessOrder",
    }
}

open_enum! {
    /// Who initiated a charge (`chargeInitiator`).
    ChargeInitiator {
        /// Customer-initiated, unscheduled.
        Citu = "CITU",
        /// Merchant-initiated, unscheduled.
        Mitu = "MITU",
        /// Customer-initiated, recurring.
        Citr = "CITR",
        /// Merchant-initiated, recurring.
        Mitr = "MITR",
    }
}

open_enum! {
    /// The sales channel of a charge (`channel`).
    Channel {
        /// Web.
        Web = "Web",
        /// Phone.
        Phone = "Phone",
        /// Mobile app.
        App = "App",
        /// Alexa.
        Alexa = "Alexa",
        /// Point of sale.
        PointOfSale = "PointOfSale",
        /// Fire TV.
        FireTv = "FireTv",
        /// Offline.
        Offline = "Offline",
        /// Amazon.
        Amazon = "Amazon",
    }
}

open_enum! {
    /// Buyer data requested by a checkout session or Amazon Sign-In (`scopes`).
    Scope {
        /// Buyer name.
        Name = "name",
        /// Buyer email.
        Email = "email",
        /// Default postal code.
        PostalCode = "postalCode",
        /// Default shipping address.
        ShippingAddress = "shippingAddress",
        /// Phone number.
        PhoneNumber = "phoneNumber",
        /// Prime membership status.
        PrimeStatus = "primeStatus",
        /// Billing address.
        BillingAddress = "billingAddress",
    }
}

/// The scopes of a checkout session (same values as [`Scope`]).
pub type CheckoutSessionScope = Scope;
/// The scopes of Amazon Sign-In (same values as [`Scope`]).
pub type SignInScope = Scope;

open_enum! {
    /// Entries of `primeMembershipTypes`.
    PrimeMembershipType {
        /// No Prime membership.
        None = "NONE",
        /// Prime.
        PrimeGeneral = "PRIME_GENERAL",
        /// Prime Student.
        PrimeStudent = "PRIME_STUDENT",
        /// Prime (US).
        PrimeGeneralUs = "PRIME_GENERAL_US",
    }
}

open_enum! {
    /// Unit of a recurring frequency (`frequency.unit`).
    FrequencyUnit {
        /// Yearly.
        Year = "Year",
        /// Monthly.
        Month = "Month",
        /// Weekly.
        Week = "Week",
        /// Daily.
        Day = "Day",
        /// Irregular.
        Variable = "Variable",
    }
}

open_enum! {
    /// Whether address restrictions list allowed or forbidden places.
    RestrictionType {
        /// Only the listed places are allowed.
        Allowed = "Allowed",
        /// The listed places are forbidden.
        NotAllowed = "NotAllowed",
    }
}

open_enum! {
    /// Address kinds that can be excluded (`specialRestrictions`).
    SpecialRestriction {
        /// No PO boxes.
        RestrictPoBoxes = "RestrictPOBoxes",
        /// No Packstations.
        RestrictPackstations = "RestrictPackstations",
    }
}

open_enum! {
    /// Why a checkout session cannot proceed yet (`constraints[].constraintId`).
    ConstraintId {
        /// No buyer is associated yet.
        BuyerNotAssociated = "BuyerNotAssociated",
        /// `chargeAmount` is missing.
        ChargeAmountNotSet = "ChargeAmountNotSet",
        /// `checkoutResultReturnUrl` is missing.
        CheckoutResultReturnUrlNotSet = "CheckoutResultReturnUrlNotSet",
        /// `paymentIntent` is missing.
        PaymentIntentNotSet = "PaymentIntentNotSet",
        /// The recurring frequency is missing.
        RecurringFrequencyNotSet = "RecurringFrequencyNotSet",
    }
}

open_enum! {
    /// The environment an object lives in (`releaseEnvironment`).
    ReleaseEnvironment {
        /// Sandbox.
        Sandbox = "Sandbox",
        /// Production.
        Live = "Live",
    }
}

open_enum! {
    /// Legal form of a business (`businessType`).
    BusinessType {
        /// A company.
        Corporate = "CORPORATE",
        /// A sole trader.
        Individual = "INDIVIDUAL",
    }
}

open_enum! {
    /// Reason codes in the `statusDetails` of checkout sessions, charge
    /// permissions, charges and refunds.
    StatusReasonCode {
        /// Canceled by Amazon.
        AmazonCanceled = "AmazonCanceled",
        /// Closed by Amazon.
        AmazonClosed = "AmazonClosed",
        /// Rejected by Amazon.
        AmazonRejected = "AmazonRejected",
        /// No amount set.
        AmountNotSet = "AmountNotSet",
        /// The billing address was deleted.
        BillingAddressDeleted = "BillingAddressDeleted",
        /// Canceled by the buyer.
        BuyerCanceled = "BuyerCanceled",
        /// Closed by the buyer.
        BuyerClosed = "BuyerClosed",
        /// A charge is in progress.
        ChargeInProgress = "ChargeInProgress",
        /// The charge permission was canceled.
        ChargePermissionCanceled = "ChargePermissionCanceled",
        /// Declined.
        Declined = "Declined",
        /// Expired.
        Expired = "Expired",
        /// Expired without being used.
        ExpiredUnused = "ExpiredUnused",
        /// Hard decline: another payment method is needed.
        HardDeclined = "HardDeclined",
        /// Canceled by the merchant.
        MerchantCanceled = "MerchantCanceled",
        /// Closed by the merchant.
        MerchantClosed = "MerchantClosed",
        /// Multi-factor authentication failed.
        MfaFailed = "MFAFailed",
        /// The payment method was deleted.
        PaymentMethodDeleted = "PaymentMethodDeleted",
        /// The payment method expired.
        PaymentMethodExpired = "PaymentMethodExpired",
        /// The payment method is invalid.
        PaymentMethodInvalid = "PaymentMethodInvalid",
        /// The payment method is not allowed.
        PaymentMethodNotAllowed = "PaymentMethodNotAllowed",
        /// No payment method set.
        PaymentMethodNotSet = "PaymentMethodNotSet",
        /// Processing failed.
        ProcessingFailure = "ProcessingFailure",
        /// Soft decline: may succeed later.
        SoftDeclined = "SoftDeclined",
        /// The amount exceeds what is allowed.
        TransactionAmountExceeded = "TransactionAmountExceeded",
        /// Processing timed out.
        TransactionTimedOut = "TransactionTimedOut",
    }
}
