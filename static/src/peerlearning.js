// Peer Learning: behaviour for every page. Loaded as <script type="module">, with no build step
// (scripts/build-assets.mjs only copies it to static/build/ next to govuk-frontend.min.js).
//
// GOV.UK Frontend 5's govuk-frontend.min.js is an ES module that exports initAll; it sets no
// window.GOVUKFrontend global.
import { initAll } from './govuk-frontend.min.js'

initAll()

// ---------------------------------------------------------------------------
// Live word count across a whole form
//
// <form data-word-limit="1000" data-words-already-used="250">
//   <textarea data-word-count ...></textarea> <input data-word-count ...>
//   <p class="govuk-hint app-word-count" id="word-count" aria-live="polite"
//      data-word-count-output></p>
// </form>
//
// Words are whitespace-separated tokens, the same rule as the server's. data-words-already-used
// is the number of words used on the application's other pages.
// ---------------------------------------------------------------------------

export function countWords (text) {
  const trimmed = (text || '').trim()
  return trimmed ? trimmed.split(/\s+/).length : 0
}

export function wordCountMessage (limit, used) {
  const remaining = limit - used
  const over = remaining < 0
  const n = Math.abs(remaining)
  const words = n === 1 ? 'word' : 'words'
  return {
    over,
    text: over ? `You have ${n} ${words} too many` : `You have ${n} ${words} remaining`
  }
}

function toInteger (value) {
  const n = parseInt(value, 10)
  return isNaN(n) ? 0 : n
}

function initWordCount (form) {
  const output = form.querySelector('[data-word-count-output]')
  if (!output) return
  const limit = toInteger(form.getAttribute('data-word-limit'))
  // No limit set (empty, "None" or 0): leave the server's text alone.
  if (limit <= 0) return
  let pending = false

  function update () {
    pending = false
    let used = toInteger(form.getAttribute('data-words-already-used'))
    form.querySelectorAll('textarea[data-word-count], input[data-word-count]').forEach(function (field) {
      used += countWords(field.value)
    })
    const message = wordCountMessage(limit, used)
    // Only touch the live region when the message changes, so screen readers hear whole words.
    if (output.textContent !== message.text) output.textContent = message.text
    output.classList.toggle('govuk-error-message', message.over)
  }

  form.addEventListener('input', function (event) {
    if (!event.target.matches || !event.target.matches('[data-word-count]')) return
    if (pending) return
    pending = true
    window.requestAnimationFrame(update)
  })

  update()
}

// ---------------------------------------------------------------------------
// Type-ahead for long lists: <select data-autocomplete>
//
// accessible-autocomplete.min.js is a classic script loaded (deferred) before this module, so
// window.accessibleAutocomplete exists by the time this runs. Without it, the select stays.
// ---------------------------------------------------------------------------

// Same arrow as the library's own, with no inline style (the CSP has no 'unsafe-inline' for
// styles); accessible-autocomplete.min.css positions it.
function dropdownArrow (config) {
  const className = (config && config.className) || 'autocomplete__dropdown-arrow-down'
  return '<svg class="' + className + '" viewBox="0 0 512 512" aria-hidden="true" focusable="false">' +
    '<path d="M256,298.3L256,298.3L256,298.3l174.2-167.2c4.3-4.2,11.4-4.1,15.8,0.2l30.6,29.9c4.4,4.3,4.5,11.3,0.2,15.5L264.1,380.9' +
    'c-2.2,2.2-5.2,3.2-8.1,3c-3,0.1-5.9-0.9-8.1-3L35.2,176.7c-4.3-4.2-4.2-11.2,0.2-15.5L66,131.3c4.4-4.3,11.5-4.4,15.8-0.2L256,298.3z"/>' +
    '</svg>'
}

function initAutocomplete (select) {
  if (!window.accessibleAutocomplete || select.hasAttribute('data-autocomplete-enhanced')) return
  select.setAttribute('data-autocomplete-enhanced', '')
  const id = select.id
  window.accessibleAutocomplete.enhanceSelectElement({
    selectElement: select,
    defaultValue: '',
    showAllValues: true,
    dropdownArrow
  })
  // The library leaves the old choice selected when the text box is cleared; clear it too, so
  // "no answer" reaches the server as no answer.
  const input = id ? document.getElementById(id) : null
  if (input && input !== select) {
    input.addEventListener('blur', function () {
      if (input.value.trim() === '') select.selectedIndex = select.querySelector('option[value=""]') ? 0 : -1
    })
  }
}

// ---------------------------------------------------------------------------
// Prevent double submission: <form data-prevent-double-submit>
//
// After the first submit, every submit button in the form is disabled. Disabled buttons are not
// sent, so the name and value of the button that was pressed go in a hidden input first.
// ---------------------------------------------------------------------------

function submitButtons (form) {
  return Array.prototype.filter.call(form.elements, function (el) {
    return (el.tagName === 'BUTTON' && (el.type || 'submit') === 'submit') ||
      (el.tagName === 'INPUT' && (el.type === 'submit' || el.type === 'image'))
  })
}

function rememberSubmitter (form, submitter) {
  let copy = form.querySelector('input[type="hidden"][data-submitter-copy]')
  if (!submitter || !submitter.name) {
    if (copy) copy.remove()
    return
  }
  if (!copy) {
    copy = document.createElement('input')
    copy.type = 'hidden'
    copy.setAttribute('data-submitter-copy', '')
    form.appendChild(copy)
  }
  copy.name = submitter.name
  copy.value = submitter.value
}

function setSubmitButtonsDisabled (form, disabled) {
  submitButtons(form).forEach(function (button) {
    button.disabled = disabled
    if (disabled) button.setAttribute('aria-disabled', 'true')
    else button.removeAttribute('aria-disabled')
  })
}

function initPreventDoubleSubmit (form) {
  form.addEventListener('submit', function (event) {
    if (form.hasAttribute('data-submitted')) {
      event.preventDefault()
      return
    }
    if (event.defaultPrevented) return
    // The browser reads the form's data once this event's handlers have run, leaving out
    // disabled buttons: so the pressed button's name and value go in a hidden copy now.
    rememberSubmitter(form, event.submitter)
    form.setAttribute('data-submitted', '')
    setSubmitButtonsDisabled(form, true)
    window.setTimeout(function () {
      // A handler added after this one cancelled the submission after all: undo.
      if (!event.defaultPrevented) return
      form.removeAttribute('data-submitted')
      rememberSubmitter(form, null)
      setSubmitButtonsDisabled(form, false)
    }, 0)
  })
}

// Pages restored from the back/forward cache keep disabled buttons; re-enable them.
window.addEventListener('pageshow', function (event) {
  if (!event.persisted) return
  document.querySelectorAll('form[data-prevent-double-submit][data-submitted]').forEach(function (form) {
    form.removeAttribute('data-submitted')
    rememberSubmitter(form, null)
    setSubmitButtonsDisabled(form, false)
  })
})

// ---------------------------------------------------------------------------

document.querySelectorAll('form[data-word-limit]').forEach(initWordCount)
document.querySelectorAll('select[data-autocomplete]').forEach(initAutocomplete)
document.querySelectorAll('form[data-prevent-double-submit]').forEach(initPreventDoubleSubmit)

// ---------------------------------------------------------------------------
// Print buttons: <button type="button" data-print hidden>Print this page</button>
//
// Hidden until this runs, so a page without JavaScript never offers a button that does nothing
// (the browser's own Print still works).
// ---------------------------------------------------------------------------

document.querySelectorAll('button[data-print]').forEach(function (button) {
  button.hidden = false
  button.addEventListener('click', function () {
    window.print()
  })
})

// ---------------------------------------------------------------------------
// Keeping what was typed (accounts/sessions.py)
//
// When someone presses a button in a form, what they typed is kept in this browser tab
// (sessionStorage, gone when the tab closes), keyed by the page. If the server could not save
// it (the session had ended, or the form's forgery token was stale), it marks the page with
// <body data-restore-typed-text>, and the page puts the text back and says so. Passwords, file
// fields and hidden fields are never kept; forms marked data-no-typed-text are left alone.
// ---------------------------------------------------------------------------

const TYPED_TEXT_PREFIX = 'peerlearning:typed:'
const TYPED_TEXT_MAX_AGE_MS = 9 * 60 * 60 * 1000

function keptFields (form) {
  return Array.from(form.elements).filter(function (field) {
    if (!field.name || field.disabled) return false
    const type = (field.type || '').toLowerCase()
    return !['password', 'file', 'hidden', 'submit', 'button', 'reset'].includes(type)
  })
}

export function typedText (form) {
  const values = {}
  keptFields(form).forEach(function (field) {
    const type = (field.type || '').toLowerCase()
    if (type === 'checkbox' || type === 'radio') {
      if (!values[field.name]) values[field.name] = []
      if (field.checked) values[field.name].push(field.value)
    } else if (field.multiple) {
      values[field.name] = Array.from(field.selectedOptions).map(function (o) { return o.value })
    } else {
      values[field.name] = field.value
    }
  })
  return values
}

function keepTypedText (form) {
  if (form.hasAttribute('data-no-typed-text') || (form.method || '').toLowerCase() !== 'post') return
  if (/\/accounts\//.test(new URL(form.action, window.location.href).pathname)) return
  try {
    window.sessionStorage.setItem(TYPED_TEXT_PREFIX + window.location.pathname, JSON.stringify({
      at: Date.now(),
      values: typedText(form)
    }))
  } catch (error) {
    // Storage full or disabled: the form still goes; there is just nothing to put back.
  }
}

function putBackTypedText () {
  const key = TYPED_TEXT_PREFIX + window.location.pathname
  let kept = null
  try {
    kept = JSON.parse(window.sessionStorage.getItem(key) || 'null')
    window.sessionStorage.removeItem(key)
  } catch (error) {
    return
  }
  if (!kept || Date.now() - kept.at > TYPED_TEXT_MAX_AGE_MS) return
  let restored = 0
  document.querySelectorAll('main form').forEach(function (form) {
    keptFields(form).forEach(function (field) {
      if (!(field.name in kept.values)) return
      const value = kept.values[field.name]
      const type = (field.type || '').toLowerCase()
      if (type === 'checkbox' || type === 'radio') {
        field.checked = value.includes(field.value)
      } else if (field.multiple) {
        Array.from(field.options).forEach(function (o) { o.selected = value.includes(o.value) })
      } else if (field.value !== value) {
        field.value = value
        field.dispatchEvent(new Event('input', { bubbles: true }))
      }
      restored += 1
    })
  })
  if (!restored) return
  const banner = document.createElement('div')
  banner.className = 'govuk-notification-banner'
  banner.setAttribute('role', 'region')
  banner.setAttribute('aria-labelledby', 'typed-text-restored-title')
  banner.setAttribute('tabindex', '-1')
  banner.innerHTML = '<div class="govuk-notification-banner__header">' +
    '<h2 class="govuk-notification-banner__title" id="typed-text-restored-title">Important</h2></div>' +
    '<div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">' +
    'Your changes were not saved. We have put back what you typed: check it and save again.</p></div>'
  const main = document.getElementById('main-content')
  main.insertBefore(banner, main.firstChild)
  banner.focus()
}

// ---------------------------------------------------------------------------
// The time-out warning (WCAG 2.2.1)
//
// <body data-session-seconds-left="28800"> and <dialog id="session-timeout"> come from
// templates/base.html. Five minutes before the session ends the dialog opens, saying how long
// is left; "Stay signed in" restarts the session's clock without leaving the page. If nobody
// answers, what was typed on the page is kept and the page goes to sign in, then comes back.
// ---------------------------------------------------------------------------

const WARN_BEFORE_MS = 5 * 60 * 1000

export function minutesLeftText (msLeft) {
  const minutes = Math.max(1, Math.ceil(msLeft / 60000))
  return minutes === 1 ? '1 minute' : `${minutes} minutes`
}

function initSessionTimeout (body, dialog) {
  const secondsLeft = parseInt(body.getAttribute('data-session-seconds-left'), 10)
  if (isNaN(secondsLeft) || !dialog || typeof dialog.showModal !== 'function') return
  const minutesOutput = dialog.querySelector('[data-session-minutes]')
  const stayForm = dialog.querySelector('form[data-session-stay]')
  let endsAt = Date.now() + secondsLeft * 1000
  let warnTimer = null
  let endTimer = null
  let ticker = null

  function update () {
    minutesOutput.textContent = minutesLeftText(endsAt - Date.now())
  }

  function warn () {
    update()
    if (!dialog.open) dialog.showModal()
    dialog.querySelector('#session-timeout-heading').focus()
    ticker = window.setInterval(update, 20000)
  }

  function end () {
    document.querySelectorAll('main form').forEach(keepTypedText)
    try {
      window.sessionStorage.setItem(TYPED_TEXT_PREFIX + 'restore:' + window.location.pathname, '1')
    } catch (error) {}
    const here = window.location.pathname + window.location.search
    window.location.assign('/accounts/login/?next=' + encodeURIComponent(here))
  }

  function schedule () {
    window.clearTimeout(warnTimer)
    window.clearTimeout(endTimer)
    window.clearInterval(ticker)
    const msLeft = endsAt - Date.now()
    warnTimer = window.setTimeout(warn, Math.max(0, msLeft - WARN_BEFORE_MS))
    endTimer = window.setTimeout(end, Math.max(0, msLeft))
  }

  stayForm.addEventListener('submit', function (event) {
    event.preventDefault()
    window.fetch(stayForm.action, {
      method: 'POST',
      body: new FormData(stayForm),
      headers: { Accept: 'application/json' },
      credentials: 'same-origin'
    }).then(function (response) {
      if (!response.ok) throw new Error('Could not stay signed in')
      return response.json()
    }).then(function (answer) {
      endsAt = Date.now() + answer.seconds_left * 1000
      dialog.close()
      schedule()
    }).catch(function () {
      stayForm.submit()
    })
  })
  dialog.addEventListener('cancel', function (event) {
    // Escape means "not now": treat it as staying signed in, as the GOV.UK pattern does.
    event.preventDefault()
    stayForm.requestSubmit()
  })
  schedule()
}

// ---------------------------------------------------------------------------
// Table scroll containers (templates: <div class="app-table-scroll" role="region"
// aria-label="…" tabindex="0"><table>…</table></div>)
//
// Without JavaScript every container is a labelled, focusable region, so a keyboard can scroll a
// wide table. Here a container whose table fits is made an ordinary block again (no tab stop,
// no landmark), and becomes a region again when the window narrows and the table no longer fits.
// ---------------------------------------------------------------------------

const REGION_ATTRIBUTES = ['role', 'tabindex', 'aria-label', 'aria-labelledby']

function initTableScroll (container) {
  const saved = {}
  REGION_ATTRIBUTES.forEach(function (name) {
    if (container.hasAttribute(name)) saved[name] = container.getAttribute(name)
  })
  function update () {
    const overflows = container.scrollWidth > container.clientWidth + 1
    Object.keys(saved).forEach(function (name) {
      if (overflows) container.setAttribute(name, saved[name])
      else container.removeAttribute(name)
    })
  }
  update()
  window.addEventListener('resize', update)
}

document.querySelectorAll('.app-table-scroll').forEach(initTableScroll)

document.addEventListener('submit', function (event) {
  if (event.target instanceof HTMLFormElement) keepTypedText(event.target)
}, true)
function restoreAsked () {
  const key = TYPED_TEXT_PREFIX + 'restore:' + window.location.pathname
  let asked = document.body.hasAttribute('data-restore-typed-text')
  try {
    if (window.sessionStorage.getItem(key)) asked = true
    window.sessionStorage.removeItem(key)
  } catch (error) {}
  return asked
}

// Only once signed in again: the sign-in page itself never gets the text.
if (!/^\/accounts\//.test(window.location.pathname) && restoreAsked()) putBackTypedText()
initSessionTimeout(document.body, document.getElementById('session-timeout'))
