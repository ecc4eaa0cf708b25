/*
 * Amazon Pay emulator: a stand-in for Amazon's checkout.js.
 *
 * amazon.Pay.renderButton(selector, options) renders the Amazon Pay (or Sign-In) button;
 * amazon.Pay.initCheckout(options) starts checkout (or sign-in) at once. A click sends the
 * buyer's browser to the emulator with the signed payload, as Amazon's script sends it to
 * Amazon: POST {emulator}/checkout/button or {emulator}/signin/button with the form fields
 * payloadJSON, signature, publicKeyId, algorithm and the button options.
 */
(function (emulator) {
  'use strict';

  var LEDGER_CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY'];
  var LANGUAGES = ['en_US', 'en_GB', 'de_DE', 'fr_FR', 'it_IT', 'es_ES', 'ja_JP'];
  var PRODUCT_TYPES = ['PayAndShip', 'PayOnly', 'SignIn'];
  var PLACEMENTS = ['Home', 'Product', 'Cart', 'Checkout', 'Other'];
  var COLORS = {
    Gold: { background: '#ffd814', border: '#fcd200', color: '#0f1111' },
    LightGray: { background: '#f0f2f2', border: '#d5d9d9', color: '#0f1111' },
    DarkGray: { background: '#232f3e', border: '#131a22', color: '#ffffff' }
  };
  var SIGNED_FIELDS = ['payloadJSON', 'signature', 'publicKeyId'];

  function fail(message) {
    throw new Error('Amazon Pay: ' + message);
  }

  function oneOf(name, value, allowed) {
    if (allowed.indexOf(value) < 0) {
      fail(name + ' "' + value + '" is not one of ' + allowed.join(', '));
    }
  }

  function productType(options) {
    return options.productType === undefined ? 'PayAndShip' : options.productType;
  }

  // The options every call takes; the signed config is checked when the buyer goes on.
  function checkOptions(options, isButton) {
    if (!options || typeof options !== 'object') {
      fail('options are required');
    }
    if (typeof options.merchantId !== 'string' || options.merchantId === '') {
      fail('merchantId is required');
    }
    if (emulator.merchantId && options.merchantId !== emulator.merchantId) {
      fail('merchantId ' + options.merchantId + ' does not belong to this account (expected ' +
        emulator.merchantId + ')');
    }
    if (options.sandbox !== undefined && typeof options.sandbox !== 'boolean') {
      fail('sandbox must be true or false');
    }
    oneOf('productType', productType(options), PRODUCT_TYPES);
    if (productType(options) !== 'SignIn') {
      oneOf('ledgerCurrency', options.ledgerCurrency, LEDGER_CURRENCIES);
    } else if (options.ledgerCurrency !== undefined) {
      oneOf('ledgerCurrency', options.ledgerCurrency, LEDGER_CURRENCIES);
    }
    if (options.checkoutLanguage !== undefined) {
      oneOf('checkoutLanguage', options.checkoutLanguage, LANGUAGES);
    }
    if (isButton) {
      oneOf('placement', options.placement, PLACEMENTS);
    }
    if (options.buttonColor !== undefined) {
      oneOf('buttonColor', options.buttonColor, Object.keys(COLORS));
    }
  }

  function signedConfig(options) {
    var isSignIn = productType(options) === 'SignIn';
    var name = isSignIn ? 'signInConfig' : 'createCheckoutSessionConfig';
    var config = options[name];
    if (!config || typeof config !== 'object') {
      fail(name + ' is required');
    }
    SIGNED_FIELDS.forEach(function (field) {
      if (typeof config[field] !== 'string' || config[field] === '') {
        fail(name + '.' + field + ' is required');
      }
    });
    return { path: isSignIn ? '/signin/button' : '/checkout/button', config: config };
  }

  // Sends the browser to the emulator with the signed payload (a top-level form POST).
  function go(options) {
    var target = signedConfig(options);
    var fields = {
      payloadJSON: target.config.payloadJSON,
      signature: target.config.signature,
      publicKeyId: target.config.publicKeyId,
      algorithm: target.config.algorithm,
      merchantId: options.merchantId,
      ledgerCurrency: options.ledgerCurrency,
      sandbox: options.sandbox === undefined ? undefined : String(options.sandbox),
      checkoutLanguage: options.checkoutLanguage,
      productType: productType(options),
      placement: options.placement
    };
    var form = document.createElement('form');
    form.method = 'POST';
    form.action = emulator.baseUrl + target.path;
    form.style.display = 'none';
    Object.keys(fields).forEach(function (name) {
      if (fields[name] === undefined || fields[name] === null) {
        return;
      }
      var input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = fields[name];
      form.appendChild(input);
    });
    document.body.appendChild(form);
    form.submit();
  }

  function merged(base, extra) {
    var out = {};
    Object.keys(base).forEach(function (k) { out[k] = base[k]; });
    Object.keys(extra || {}).forEach(function (k) { out[k] = extra[k]; });
    return out;
  }

  function renderButton(selector, options) {
    checkOptions(options, true);
    var container = typeof selector === 'string' ? document.querySelector(selector) : selector;
    if (!container) {
      fail('no element matches ' + selector);
    }
    var isSignIn = productType(options) === 'SignIn';
    var colors = COLORS[options.buttonColor || 'Gold'];
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'amazonpay-button';
    button.setAttribute('data-amazon-pay', isSignIn ? 'sign-in' : 'checkout');
    button.setAttribute('aria-label', isSignIn ? 'Sign in with Amazon' : 'Amazon Pay');
    button.style.cssText = 'display:inline-block;min-width:200px;height:45px;border-radius:8px;' +
      'border:1px solid ' + colors.border + ';background:' + colors.background + ';color:' +
      colors.color + ';font:bold 16px Arial,sans-serif;cursor:pointer;padding:0 16px';
    button.textContent = isSignIn ? 'Sign in with Amazon' : 'amazon pay';
    var clickHandler = null;
    button.addEventListener('click', function () {
      if (clickHandler) {
        clickHandler();
      } else {
        go(options);
      }
    });
    container.innerHTML = '';
    container.appendChild(button);
    if (options.sandbox) {
      var note = document.createElement('div');
      note.textContent = 'Sandbox (emulator)';
      note.style.cssText = 'font:11px Arial,sans-serif;color:#565959;margin-top:2px';
      container.appendChild(note);
    }
    return {
      onClick: function (handler) { clickHandler = handler; },
      initCheckout: function (extra) {
        var all = merged(options, extra);
        checkOptions(all, true);
        go(all);
      }
    };
  }

  function initCheckout(options) {
    checkOptions(options, false);
    go(options);
  }

  window.amazon = window.amazon || {};
  window.amazon.Pay = { renderButton: renderButton, initCheckout: initCheckout };
})(/*EMULATOR*/);
