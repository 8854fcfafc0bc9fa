#include "server/itemgenerator.h"

namespace Pyro {

namespace {
class FunctionGenerator final : public ItemGenerator
{
public:
    explicit FunctionGenerator(std::function<Step()> f) : m_next(std::move(f)) { }
    Step next() override { return m_next ? m_next() : Step(std::optional<Value>()); }

private:
    std::function<Step()> m_next;
};
} // namespace

std::shared_ptr<ItemGenerator> ItemGenerator::fromFunction(std::function<Step()> next)
{
    return std::make_shared<FunctionGenerator>(std::move(next));
}

std::shared_ptr<ItemGenerator> ItemGenerator::fromList(const ValueList &items)
{
    qsizetype index = 0;
    return fromFunction([items, index]() mutable -> Step {
        if (index >= items.size())
            return std::optional<Value>();
        return std::optional<Value>(items.at(index++));
    });
}

} // namespace Pyro
