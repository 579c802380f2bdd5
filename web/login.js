'use strict';
document.getElementById('login').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const r = await GW.api('/api/login', { method: 'POST', noRedirect: true,
    json: { user: document.getElementById('user').value.trim(), password: document.getElementById('password').value } });
  if (r.ok) location.href = '/todo.html';
  else document.getElementById('error').textContent = GW.msg(r);
});
