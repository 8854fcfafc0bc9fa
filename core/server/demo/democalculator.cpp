#include "server/demo/democalculator.h"

#include "server/pythonerror.h"

namespace Pyro::Demo {

double DemoCalculator::div(double a, double b) const
{
    if (b == 0.0)
        throw PythonError::builtin(QStringLiteral("ZeroDivisionError"), QStringLiteral("float division by zero"));
    return a / b;
}

void DemoCalculator::setMemory(double value)
{
    if (value == m_memory)
        return;
    m_memory = value;
    emit memoryChanged(value);
}

} // namespace Pyro::Demo
