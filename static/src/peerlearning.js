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
