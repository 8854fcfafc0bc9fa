#include "server/callcontext.h"

namespace Pyro {

static thread_local const CallContext *t_current = nullptr;

const CallContext &CallContext::current()
{
    static const CallContext empty;
    return t_current ? *t_current : empty;
}

CallContext::Scope::Scope(const CallContext &context) : m_previous(t_current)
{
    t_current = &context;
}

CallContext::Scope::~Scope()
{
    t_current = m_previous;
}

} // namespace Pyro
